import type { Course, Me, Session } from '../../../../types/api'
import * as courses from '@/services/courses'
import { managesCourse } from '@/utils/courses'

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

/**
 * The sessions of the courses I run (as the course itself says: `canManage`), split into coming and
 * ended. The list of courses is filtered first by role and branch, so only those are opened.
 */
export async function loadManagedSessions(user: Me, now: number = Date.now()): Promise<ManagedSessions> {
  const candidates = (await visibleCourses())
    .filter((course) => managesCourse(user, course))
    .slice(0, MAX_COURSES)
  const details = await Promise.all(candidates.map((course) => courses.detail(course.id)))
  const all: ManagedSession[] = details
    .filter((course) => course.canManage)
    .flatMap((course) =>
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
