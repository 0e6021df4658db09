import type { MySignupItem } from '../../../types/api'
import * as events from '@/services/events'
import * as myCourses from '@/services/my-courses'
import * as points from '@/services/points'

export interface PointsSummary {
  /** the server's sum of my whole ledger */
  total: number
  /** the server's sum of today's entries */
  today: number
}

export interface SignupCounts {
  confirmed: number
  waitlisted: number
}

/** What the rows of 我的 say at a glance; a part that failed to load is null and its row says less. */
export interface MeSummary {
  points: PointsSummary | null
  signups: SignupCounts | null
  courses: number | null
}

const MAX_SIGNUP_PAGES = 5

async function pointsSummary(): Promise<PointsSummary> {
  // One entry is enough: total and today come with every page.
  const { total, today } = await points.myPoints(null, 1)
  return { total, today }
}

async function signupCounts(): Promise<SignupCounts> {
  const items: MySignupItem[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_SIGNUP_PAGES; page++) {
    const result = await events.mySignups(cursor)
    items.push(...result.items)
    cursor = result.nextCursor
    if (!cursor) break
  }
  return {
    confirmed: items.filter((item) => item.status === 'confirmed').length,
    waitlisted: items.filter((item) => item.status === 'waitlisted').length,
  }
}

function valueOf<T>(result: PromiseSettledResult<T>): T | null {
  return result.status === 'fulfilled' ? result.value : null
}

/** Loads the three parts side by side; one failing does not hide the others. */
export async function loadSummary(): Promise<MeSummary> {
  const [pointsResult, signupsResult, coursesResult] = await Promise.allSettled([
    pointsSummary(),
    signupCounts(),
    myCourses.enrolledCourses().then((courses) => courses.length),
  ])
  return { points: valueOf(pointsResult), signups: valueOf(signupsResult), courses: valueOf(coursesResult) }
}

/** 已报名 2 · 候补 1; 暂无报名 when there is nothing. */
export function signupHint(counts: SignupCounts | null): string | undefined {
  if (!counts) return undefined
  if (counts.confirmed === 0 && counts.waitlisted === 0) return '暂无报名'
  return `已报名 ${counts.confirmed} · 候补 ${counts.waitlisted}`
}

export function coursesHint(count: number | null): string | undefined {
  if (count === null) return undefined
  return count === 0 ? '暂无课程' : `${count}门课程`
}
