import type { Session } from '../../../../types/api'
import { ApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { isCheckinOpen, mayHaveOpenSession } from '@/utils/courses'

export interface OpenSession {
  session: Session
  courseId: number
  courseTitle: string
}

/** Courses looked at for open sessions: the list is soonest first, so the first few are the ones. */
const MAX_COURSES = 8

/**
 * Sessions of the courses I can see whose sign-in window is open now, soonest first. Only the courses
 * whose next session may be open are opened; a failure to fetch is an error only when nothing came back.
 */
export async function loadOpenSessions(now: number = Date.now()): Promise<OpenSession[]> {
  const page = await courses.list(null, 50)
  const candidates = page.items.filter((course) => mayHaveOpenSession(course, now)).slice(0, MAX_COURSES)
  let failure: unknown = null
  const answers = await Promise.all(
    candidates.map((course) =>
      courses.detail(course.id).catch((error: unknown) => {
        failure = error
        return null
      }),
    ),
  )
  const found: OpenSession[] = []
  for (const answer of answers) {
    if (!answer) continue
    for (const session of answer.sessions) {
      if (isCheckinOpen(session, now)) found.push({ session, courseId: answer.id, courseTitle: answer.title })
    }
  }
  if (found.length === 0 && failure instanceof ApiError) throw failure
  return found.sort((a, b) => Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt))
}
