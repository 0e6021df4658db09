import type { Kysely } from 'kysely'
import { dialectOf } from '../../db/connect'
import type { Database } from '../../db/types'
import { AppError, validationFailed } from '../../errors'
import type { SessionCreate, SessionPatch, WeeklyRule } from '../../schemas'
import type { Viewer } from '../access'
import { isoTime, requiredText } from '../input'
import { notifySessionCancelled, notifySessionMoved } from '../notifications/organiser'
import { dropReminders, scheduleSessionReminders } from '../notifications/reminders'
import { refreshCourseSpan } from './organise'
import { findManagedCourse } from './repository'
import { weeklySessions, type PlannedSession } from './rules'
import { findManagedSession, type SessionWithCourse } from './sessions'

/*
 * A course's sessions as its organiser plans them: add one or a weekly series, move one, cancel
 * one with a reason its members see, delete one nobody attended. Every write locks the course row
 * first, so two organisers editing one course take turns.
 */

const hasAttendance = (message: string) => new AppError(409, 'HAS_ATTENDANCE', message)
const sessionCancelled = () => new AppError(422, 'SESSION_CANCELLED', '该场次已取消,不能再修改')

function checkTimes(startsAt: string, endsAt: string, now: Date, prefix = '') {
  if (endsAt <= startsAt) throw validationFailed(`body/${prefix}endsAt 必须晚于开始时间 startsAt`)
  if (endsAt <= now.toISOString()) throw validationFailed(`body/${prefix}endsAt 不能早于当前时间`)
}

async function insertSessions(
  trx: Kysely<Database>,
  courseId: number,
  sessions: PlannedSession[],
  now: Date,
) {
  const rows = await trx
    .insertInto('course_sessions')
    .values(sessions.map((session) => ({ ...session, course_id: courseId })))
    .returning(['id', 'starts_at'])
    .execute()
  await refreshCourseSpan(trx, courseId)
  // Members enrolled by then are reminded 30 minutes before each session.
  await scheduleSessionReminders(trx, rows, now)
  return rows.map((row) => row.id)
}

/** Adds one session to a course; answers its id. */
export async function addSession(
  trx: Kysely<Database>,
  viewer: Viewer,
  courseId: number,
  input: SessionCreate,
  now: Date,
): Promise<number> {
  await findManagedCourse(trx, viewer, courseId)
  const startsAt = isoTime(input.startsAt, 'startsAt')
  const endsAt = isoTime(input.endsAt, 'endsAt')
  checkTimes(startsAt, endsAt, now)
  const [id] = await insertSessions(
    trx,
    courseId,
    [
      {
        starts_at: startsAt,
        ends_at: endsAt,
        venue: requiredText(input.venue, 'venue'),
        lecturer: requiredText(input.lecturer, 'lecturer'),
      },
    ],
    now,
  )
  return id!
}

/** 每周三 19:00,共 6 次: every session of a weekly rule, all in the caller's transaction. */
export async function addWeeklySessions(
  trx: Kysely<Database>,
  viewer: Viewer,
  courseId: number,
  rule: WeeklyRule,
  now: Date,
): Promise<number[]> {
  await findManagedCourse(trx, viewer, courseId)
  const place = {
    venue: requiredText(rule.venue, 'venue'),
    lecturer: requiredText(rule.lecturer, 'lecturer'),
  }
  return insertSessions(trx, courseId, weeklySessions(rule, place, now, ''), now)
}

/** The managed session, with its course row locked (and the session's row, on PostgreSQL). */
async function lockManagedSession(
  trx: Kysely<Database>,
  viewer: Viewer,
  sessionId: number,
): Promise<SessionWithCourse> {
  const session = await findManagedSession(trx, viewer, sessionId)
  await findManagedCourse(trx, viewer, session.course_id)
  if (dialectOf(trx) === 'postgres') {
    // A sign-in's insert holds a key-share lock on this row until it commits: this waits for it.
    await trx.selectFrom('course_sessions').select('id').where('id', '=', sessionId).forUpdate().execute()
  }
  return session
}

async function attendanceCount(trx: Kysely<Database>, sessionId: number): Promise<number> {
  const row = await trx
    .selectFrom('checkins')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Moves a session or changes its venue or lecturer. Its times stay once anyone has signed in (or
 * been recorded): their attendance was judged by them.
 */
export async function updateSession(
  trx: Kysely<Database>,
  viewer: Viewer,
  sessionId: number,
  patch: SessionPatch,
  now: Date,
): Promise<void> {
  const session = await lockManagedSession(trx, viewer, sessionId)
  if (session.cancelled_at) throw sessionCancelled()
  const startsAt = patch.startsAt !== undefined ? isoTime(patch.startsAt, 'startsAt') : session.starts_at
  const endsAt = patch.endsAt !== undefined ? isoTime(patch.endsAt, 'endsAt') : session.ends_at
  const moved = startsAt !== session.starts_at || endsAt !== session.ends_at
  if (moved) {
    if ((await attendanceCount(trx, sessionId)) > 0) {
      throw hasAttendance('该场次已有签到或请假记录,不能再改时间;如需调整请取消后另行安排')
    }
    checkTimes(startsAt, endsAt, now)
  }
  await trx
    .updateTable('course_sessions')
    .set({
      starts_at: startsAt,
      ends_at: endsAt,
      ...(patch.venue !== undefined ? { venue: requiredText(patch.venue, 'venue') } : {}),
      ...(patch.lecturer !== undefined ? { lecturer: requiredText(patch.lecturer, 'lecturer') } : {}),
    })
    .where('id', '=', sessionId)
    .execute()
  if (moved) {
    await refreshCourseSpan(trx, session.course_id)
    await scheduleSessionReminders(trx, [{ id: sessionId, starts_at: startsAt }], now)
    const venue = patch.venue !== undefined ? requiredText(patch.venue, 'venue') : session.venue
    await notifySessionMoved(
      trx,
      { ...session, venue },
      { startsAt: session.starts_at },
      { startsAt, endsAt },
      await enrolledMembers(trx, session.course_id),
      now,
    )
  }
}

/**
 * Cancels a session with a reason: it stays in the course (shown 已取消 with the reason), takes no
 * sign-ins, counts for nobody's attendance, and the course's members are told. A session that has
 * ended cannot be cancelled; cancelling twice is refused.
 */
export async function cancelSession(
  trx: Kysely<Database>,
  viewer: Viewer,
  sessionId: number,
  reason: string,
  now: Date,
): Promise<void> {
  const session = await lockManagedSession(trx, viewer, sessionId)
  if (session.cancelled_at) throw new AppError(409, 'ALREADY_CANCELLED', '该场次已取消')
  if (session.ends_at < now.toISOString()) {
    throw new AppError(422, 'SESSION_ENDED', '该场次已结束,不能取消')
  }
  const why = requiredText(reason, 'reason')
  await trx
    .updateTable('course_sessions')
    .set({ cancelled_at: now.toISOString(), cancel_reason: why })
    .where('id', '=', sessionId)
    .execute()
  await refreshCourseSpan(trx, session.course_id)
  await dropReminders(trx, 'session', sessionId, now)
  await notifySessionCancelled(trx, session, why, await enrolledMembers(trx, session.course_id), now)
}

/** Who a change to a course's sessions concerns: its enrolled members. */
async function enrolledMembers(trx: Kysely<Database>, courseId: number): Promise<number[]> {
  const members = await trx
    .selectFrom('course_enrolments')
    .select('user_id')
    .where('course_id', '=', courseId)
    .execute()
  return members.map((member) => member.user_id)
}

/**
 * Deletes a session planned by mistake. One with any attendance (a sign-in, pending or not, or a
 * leave) is kept for the record: 409 HAS_ATTENDANCE, cancel it instead. A course keeps at least one.
 */
export async function deleteSession(
  trx: Kysely<Database>,
  viewer: Viewer,
  sessionId: number,
  now: Date,
): Promise<number> {
  const session = await lockManagedSession(trx, viewer, sessionId)
  if ((await attendanceCount(trx, sessionId)) > 0) {
    throw hasAttendance('该场次已有签到或请假记录,不能删除;可以取消该场次并说明原因')
  }
  const others = await trx
    .selectFrom('course_sessions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('course_id', '=', session.course_id)
    .where('id', '<>', sessionId)
    .executeTakeFirstOrThrow()
  if (Number(others.n) === 0) {
    throw new AppError(422, 'LAST_SESSION', '课程至少需要保留一个场次')
  }
  await trx.deleteFrom('course_sessions').where('id', '=', sessionId).execute()
  await refreshCourseSpan(trx, session.course_id)
  await dropReminders(trx, 'session', sessionId, now)
  return session.course_id
}
