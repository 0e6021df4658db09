import type { CheckinStatus } from '../../db/types'
import { validationFailed } from '../../errors'
import type { AttendanceStatus, CourseStatus, Session, WeeklyRule } from '../../schemas'
import { DAY_MS, MINUTE_MS, parkInstant, parkWeekday, shiftIso } from '../park-time'

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
  session: { ends_at: string; cancelled_at?: string | null },
  record: CheckinStatus | undefined,
  enrolledAt: string | null,
  now: Date,
): AttendanceStatus | null {
  if (record) return record
  // Nobody is absent from a session that did not take place.
  if (session.cancelled_at) return null
  return expectedAt(session, enrolledAt) && session.ends_at < now.toISOString() ? 'absent' : null
}

/**
 * Where a course stands: ended once its last session is over, closed while its organiser takes no
 * enrolments, full once every place is taken.
 */
export function courseStatus(
  course: { ends_at: string; enrolled_count: number; capacity: number; enrolment_open?: number },
  now: Date,
): CourseStatus {
  if (course.ends_at < now.toISOString()) return 'ended'
  if (course.enrolment_open === 0) return 'closed'
  if (course.enrolled_count >= course.capacity) return 'full'
  return 'open'
}

/** One session of a weekly rule, as the rows store it. */
export interface PlannedSession {
  starts_at: string
  ends_at: string
  venue: string
  lecturer: string
}

/**
 * The sessions of 每周N HH:mm,共 count 次: the first on the first such weekday on or after `from`,
 * then every seven days. The first may not have ended already (`field` names the rule in messages).
 */
export function weeklySessions(
  rule: Pick<WeeklyRule, 'weekday' | 'time' | 'from' | 'count' | 'durationMinutes'>,
  place: { venue: string; lecturer: string },
  now: Date,
  field = 'recurrence',
): PlannedSession[] {
  const first = parkInstant(rule.from, rule.time)
  if (first === null) throw validationFailed(`body/${field}/from 不是有效的日期`)
  const shift = (rule.weekday - parkWeekday(first) + 7) % 7
  const starts = shiftIso(first, shift * DAY_MS)
  const sessions = Array.from({ length: rule.count }, (_, n) => {
    const startsAt = shiftIso(starts, n * 7 * DAY_MS)
    return {
      starts_at: startsAt,
      ends_at: shiftIso(startsAt, rule.durationMinutes * MINUTE_MS),
      venue: place.venue,
      lecturer: place.lecturer,
    }
  })
  if (sessions[0]!.starts_at <= now.toISOString()) {
    throw validationFailed(`body/${field}/from 第一次课的开始时间已过,请选择以后的日期`)
  }
  return sessions
}

/** Characters a careful reader reads in a minute (Chinese text). */
const CHARACTERS_PER_MINUTE = 300

/** 约N分钟: a study material's reading time, from its length; at least one minute. */
export function readMinutesOf(body: string): number {
  const characters = body.replace(/^#+/gm, '').replace(/\s+/g, '').length
  return Math.max(1, Math.ceil(characters / CHARACTERS_PER_MINUTE))
}

const MATERIAL_SUMMARY_LENGTH = 60

/** The first paragraph that is not a heading, cut to a line's length. */
export function materialSummaryOf(body: string): string {
  const paragraph =
    body
      .split(/\n+/)
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('#')) ?? ''
  return paragraph.length > MATERIAL_SUMMARY_LENGTH
    ? `${paragraph.slice(0, MATERIAL_SUMMARY_LENGTH)}…`
    : paragraph
}

/** 出勤 x/y: the sessions the member signed in to, of those held so far (or already attended). */
export function attendanceTally(
  sessions: readonly (Pick<Session, 'myAttendance' | 'checkinStatus'> & { cancelledAt?: string | null })[],
) {
  const attended = sessions.filter((s) => s.myAttendance === 'present' || s.myAttendance === 'late').length
  const held = sessions.filter(
    (s) =>
      (s.checkinStatus === 'closed' && !s.cancelledAt) ||
      s.myAttendance === 'present' ||
      s.myAttendance === 'late',
  ).length
  return { attended, held }
}
