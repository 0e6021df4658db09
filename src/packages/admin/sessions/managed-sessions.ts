import type { Course, Session } from '../../../../types/api'
import * as courses from '@/services/courses'

export interface ManagedSession {
  session: Session
  courseId: number
  courseTitle: string
  branchName: string | null
}

export interface ManagedSessions {
  /** Running and coming, soonest first. */
  upcoming: ManagedSession[]
  /** Ended, latest first. */
  past: ManagedSession[]
}

const MAX_PAGES = 3
/** Courses opened for their sessions: the list puts running and coming ones first. */
const MAX_COURSES = 20
const MAX_PAST = 20

async function visibleCourses(): Promise<Course[]> {
  const all: Course[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await courses.list(cursor, 50)
    all.push(...result.items)
    cursor = result.nextCursor
    if (!cursor) break
  }
  return all
}

/** The sessions of the courses I run (the server says which: `canManage`), split into coming and ended. */
export async function loadManagedSessions(now: number = Date.now()): Promise<ManagedSessions> {
  const candidates = (await visibleCourses()).filter((course) => course.canManage).slice(0, MAX_COURSES)
  const details = await Promise.all(candidates.map((course) => courses.detail(course.id)))
  const all: ManagedSession[] = details.flatMap((course) =>
    course.sessions.map((session) => ({
      session,
      courseId: course.id,
      courseTitle: course.title,
      branchName: course.branch?.name ?? null,
    })),
  )
  const ended = (item: ManagedSession) => Date.parse(item.session.endsAt) < now
  return {
    upcoming: all
      .filter((item) => !ended(item))
      .sort((a, b) => Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt)),
    past: all
      .filter(ended)
      .sort((a, b) => Date.parse(b.session.startsAt) - Date.parse(a.session.startsAt))
      .slice(0, MAX_PAST),
  }
}
