import type { CheckinStatus } from '../../db/types'
import type { AttendanceStatus, CourseStatus, Session } from '../../schemas'

/**
 * Whether a member was expected at a session: enrolled before it ended. Someone who enrols later
 * was never due at the sessions already held, so those are not 缺勤 for them, and a session's
 * report does not change afterwards. (The attendance report says the same in SQL.)
 */
export function expectedAt(session: { ends_at: string }, enrolledAt: string | null): boolean {
  return enrolledAt !== null && enrolledAt < session.ends_at
}

/**
 * The viewer's attendance of a session: their own record (sign-in, pending sign-in or leave);
 * `absent` once a session they were expected at has ended without one; otherwise nothing yet.
 */
export function myAttendance(
  session: { ends_at: string },
  record: CheckinStatus | undefined,
  enrolledAt: string | null,
  now: Date,
): AttendanceStatus | null {
  if (record) return record
  return expectedAt(session, enrolledAt) && session.ends_at < now.toISOString() ? 'absent' : null
}

/** Where a course stands: ended once its last session is over, full once every place is taken. */
export function courseStatus(
  course: { ends_at: string; enrolled_count: number; capacity: number },
  now: Date,
): CourseStatus {
  if (course.ends_at < now.toISOString()) return 'ended'
  if (course.enrolled_count >= course.capacity) return 'full'
  return 'open'
}

/** 出勤 x/y: the sessions the member signed in to, of those held so far (or already attended). */
export function attendanceTally(sessions: readonly Pick<Session, 'myAttendance' | 'checkinStatus'>[]) {
  const attended = sessions.filter((s) => s.myAttendance === 'present' || s.myAttendance === 'late').length
  const held = sessions.filter(
    (s) => s.checkinStatus === 'closed' || s.myAttendance === 'present' || s.myAttendance === 'late',
  ).length
  return { attended, held }
}
