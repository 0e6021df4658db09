import type { MeSummary } from '../../../types/api'

/** 已报名 2 · 候补 1; 暂无报名 when there is nothing. */
export function signupHint(signups: MeSummary['signups'] | null): string | undefined {
  if (!signups) return undefined
  if (signups.confirmed === 0 && signups.waitlisted === 0) return '暂无报名'
  return `已报名 ${signups.confirmed} · 候补 ${signups.waitlisted}`
}

export function coursesHint(courses: MeSummary['courses'] | null): string | undefined {
  if (!courses) return undefined
  return courses.enrolled === 0 ? '暂无课程' : `${courses.enrolled}门课程`
}
