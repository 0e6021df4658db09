import { sql, type Kysely } from 'kysely'
import type { CheckinStatus, Database } from '../../db/types'
import { AppError, notFound } from '../../errors'
import type {
  AttendanceEntry,
  AttendanceUndoResult,
  CheckinFeed,
  ManualAttendanceBody,
  SessionAttendance,
} from '../../schemas'
import { checkNotSelf, type Viewer } from '../access'
import type { SessionWithCourse } from '../courses/sessions'
import { findMembership } from '../organisation/repository'
import { awardAttendance, recordOf } from './checkin'
import { toIso } from '../park-time'
import { alreadyCheckedIn, attendanceAt, checkinClosed, checkinOpensAt, checkinStatus } from './rules'
import { MEMBER_COLUMNS, toMemberRef, type MemberRow } from '../organisation/mapper'
import { optionalText } from '../input'
import { takeBackPoints } from '../points/ledger'

interface CheckinRow extends MemberRow {
  id: number
  status: CheckinStatus
  checked_in_at: string
  offline: number
  manual: number
  note: string | null
}

function toEntry(row: CheckinRow): AttendanceEntry {
  return {
    member: toMemberRef(row),
    status: row.status,
    // A leave is not a sign-in: it has no sign-in time.
    checkedInAt: row.status === 'leave' ? null : row.checked_in_at,
    offline: row.offline === 1,
    manual: row.manual === 1,
    note: row.note,
    canUndo: row.manual === 1 && row.status !== 'pending',
  }
}

function selectCheckins(db: Kysely<Database>, sessionId: number) {
  return db
    .selectFrom('checkins as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .leftJoin('branches as b', 'b.id', 'u.branch_id')
    .select(['k.id', 'k.status', 'k.checked_in_at', 'k.offline', 'k.manual', 'k.note', ...MEMBER_COLUMNS])
    .where('k.session_id', '=', sessionId)
}

/**
 * Who came: present and late in sign-in order, leave, pending (waiting for an organiser), and
 * absent — members expected at the session (enrolled before it ended, see courses/rules.ts
 * expectedAt) with no record at all (while the session runs: those who have not signed in yet).
 */
export async function listAttendance(
  db: Kysely<Database>,
  session: SessionWithCourse,
  now: Date,
): Promise<SessionAttendance> {
  const [checkins, absent] = await Promise.all([
    selectCheckins(db, session.id).orderBy('k.checked_in_at').orderBy('k.id').execute(),
    db
      .selectFrom('course_enrolments as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .leftJoin('branches as b', 'b.id', 'u.branch_id')
      .leftJoin('checkins as k', (join) =>
        join.onRef('k.user_id', '=', 'e.user_id').on('k.session_id', '=', session.id),
      )
      .select(MEMBER_COLUMNS)
      .where('e.course_id', '=', session.course_id)
      .where('e.created_at', '<', session.ends_at)
      .where('k.id', 'is', null)
      .orderBy(sql`coalesce(${sql.ref('u.branch_id')}, 0)`)
      .orderBy('u.id')
      .execute(),
  ])
  const entries = checkins.map(toEntry)
  return {
    session: {
      id: session.id,
      startsAt: session.starts_at,
      endsAt: session.ends_at,
      venue: session.venue,
      lecturer: session.lecturer,
      checkinOpensAt: toIso(checkinOpensAt(session)),
      checkinStatus: checkinStatus(session, now.getTime()),
      cancelledAt: session.cancelled_at,
      cancelReason: session.cancel_reason,
      courseId: session.course_id,
      courseTitle: session.course_title,
    },
    present: entries.filter((entry) => entry.status === 'present'),
    late: entries.filter((entry) => entry.status === 'late'),
    leave: entries.filter((entry) => entry.status === 'leave'),
    pending: entries.filter((entry) => entry.status === 'pending'),
    // A cancelled session expected nobody.
    absent: (session.cancelled_at ? [] : absent).map((row) => ({
      member: toMemberRef(row),
      status: 'absent' as const,
      checkedInAt: null,
      offline: false,
      manual: false,
      note: null,
      canUndo: false,
    })),
  }
}

/**
 * Confirms a member's pending sign-in: it now counts, as present or late by when its code was on
 * the screen, and earns its points. Returns false when there is nothing pending for the member.
 */
async function confirmPending(
  trx: Kysely<Database>,
  organiser: Viewer,
  session: SessionWithCourse,
  userId: number,
  now: Date,
): Promise<boolean> {
  const pending = await recordOf(trx, session.id, userId)
  if (pending?.status !== 'pending') return false
  const status = attendanceAt(session, Date.parse(pending.checked_in_at))
  const updated = await trx
    .updateTable('checkins')
    .set({ status, recorded_by: organiser.id })
    .where('id', '=', pending.id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) return false
  await awardAttendance(trx, userId, session, status, now)
  return true
}

/**
 * An organiser's manual entry: a sign-in (for a member without a phone, say), the confirmation of
 * a pending one, or a leave (请假). A leave gives way to a sign-in; anything else already recorded
 * for the member is a conflict. Nobody records their own sign-in.
 */
export async function recordAttendance(
  trx: Kysely<Database>,
  organiser: Viewer,
  session: SessionWithCourse,
  input: ManualAttendanceBody,
  now: Date,
): Promise<AttendanceEntry> {
  if (session.cancelled_at) throw checkinClosed('本场培训已取消,不能再登记出勤')
  const person = await findMembership(trx, input.memberId)
  if (!person) throw notFound('成员不存在')
  if (session.branch_id !== null && person.branchId !== session.branch_id) {
    throw new AppError(422, 'MEMBER_NOT_IN_BRANCH', '该成员不属于本课程所在支部')
  }
  if (input.status === 'present') checkNotSelf(organiser, person.id)
  const at = now.toISOString()
  if (input.status === 'present' && now.getTime() < checkinOpensAt(session)) {
    throw checkinClosed('签到尚未开始,暂不能补签;可先登记请假')
  }

  const entry = async (id: number) =>
    toEntry(await selectCheckins(trx, session.id).where('k.id', '=', id).executeTakeFirstOrThrow())
  if (input.status === 'present' && (await confirmPending(trx, organiser, session, person.id, now))) {
    const confirmed = await recordOf(trx, session.id, person.id)
    if (!confirmed) throw new Error('a confirmed sign-in vanished')
    return entry(confirmed.id)
  }
  if (input.status === 'present') {
    await trx
      .deleteFrom('checkins')
      .where('session_id', '=', session.id)
      .where('user_id', '=', person.id)
      .where('status', '=', 'leave')
      .execute()
  }
  const inserted = await trx
    .insertInto('checkins')
    .values({
      session_id: session.id,
      user_id: person.id,
      status: input.status,
      checked_in_at: at,
      scanned_at: null,
      offline: 0,
      manual: 1,
      note: optionalText(input.note) || null,
      recorded_by: organiser.id,
      created_at: at,
    })
    .onConflict((conflict) => conflict.columns(['session_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) {
    const existing = await recordOf(trx, session.id, person.id)
    if (existing?.status === 'leave') throw new AppError(409, 'ALREADY_ON_LEAVE', '该成员已登记请假')
    if (existing?.status === 'pending') throw alreadyCheckedIn('该成员已提交签到,待确认;如需确认请点“确认”')
    throw alreadyCheckedIn('该成员已签到')
  }
  if (input.status === 'present') await awardAttendance(trx, person.id, session, 'present', now)
  return entry(inserted.id)
}

/**
 * Undoes an organiser's 补签 or 请假: the record leaves the attendance (the member is absent again and
 * may sign in or be recorded anew), a copy stays in attendance_undos with who undid it and when, and
 * the points the 补签 earned are taken back by a ledger entry. A member's own sign-in is not the
 * organiser's to undo.
 */
export async function undoAttendance(
  trx: Kysely<Database>,
  organiser: Viewer,
  session: SessionWithCourse,
  memberId: number,
  now: Date,
): Promise<AttendanceUndoResult> {
  const record = await trx
    .selectFrom('checkins')
    .selectAll()
    .where('session_id', '=', session.id)
    .where('user_id', '=', memberId)
    .executeTakeFirst()
  if (!record) throw new AppError(404, 'NOT_RECORDED', '该成员没有可撤销的签到或请假记录')
  if (record.manual !== 1 || record.status === 'pending') {
    throw new AppError(422, 'NOT_MANUAL', '只能撤销组织者登记的补签或请假')
  }
  // The delete is the guard: of two undos at once, one removes the record and the other finds none.
  const deleted = await trx.deleteFrom('checkins').where('id', '=', record.id).executeTakeFirst()
  if (Number(deleted.numDeletedRows) !== 1) throw new AppError(404, 'NOT_RECORDED', '该记录已被撤销')
  const pointsTakenBack =
    record.status === 'leave'
      ? 0
      : await takeBackPoints(trx, {
          userId: memberId,
          objectType: 'session',
          objectId: session.id,
          reason: `撤销补签：${session.course_title}`,
          now,
        })
  const undoneAt = now.toISOString()
  await trx
    .insertInto('attendance_undos')
    .values({
      session_id: session.id,
      user_id: memberId,
      status: record.status,
      checked_in_at: record.checked_in_at,
      note: record.note,
      recorded_by: record.recorded_by,
      recorded_at: record.created_at,
      points_reversed: pointsTakenBack,
      undone_by: organiser.id,
      undone_at: undoneAt,
    })
    .execute()
  return {
    memberId,
    undone: record.status as AttendanceUndoResult['undone'],
    pointsTakenBack,
    undoneAt,
  }
}

/** 全部确认: every pending sign-in of the session counts, except the organiser's own. */
export async function confirmAllPending(
  trx: Kysely<Database>,
  organiser: Viewer,
  session: SessionWithCourse,
  now: Date,
): Promise<number> {
  const pending = await trx
    .selectFrom('checkins')
    .select('user_id')
    .where('session_id', '=', session.id)
    .where('status', '=', 'pending')
    .where('user_id', '<>', organiser.id)
    .orderBy('id')
    .execute()
  let confirmed = 0
  for (const row of pending) {
    if (await confirmPending(trx, organiser, session, row.user_id, now)) confirmed++
  }
  return confirmed
}

const FEED_SIZE = 20

/** The projector's live list: two small indexed queries, cheap enough to poll every few seconds. */
export async function checkinFeed(
  db: Kysely<Database>,
  sessionId: number,
  since: number,
): Promise<CheckinFeed> {
  const [counts, rows] = await Promise.all([
    db
      .selectFrom('checkins')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('count'),
        eb.fn
          .sum<number | string | null>(eb.case().when('status', '=', sql.lit('late')).then(1).else(0).end())
          .as('late'),
      ])
      .where('session_id', '=', sessionId)
      .where('status', 'in', [sql.lit<CheckinStatus>('present'), sql.lit<CheckinStatus>('late')])
      .executeTakeFirstOrThrow(),
    selectCheckins(db, sessionId)
      .where('k.id', '>', since)
      .where('k.status', 'in', [sql.lit<CheckinStatus>('present'), sql.lit<CheckinStatus>('late')])
      .orderBy('k.id', 'desc')
      .limit(FEED_SIZE)
      .execute(),
  ])
  return {
    sessionId,
    count: Number(counts.count),
    lateCount: Number(counts.late ?? 0),
    items: rows.map((row) => ({
      id: row.id,
      name: row.user_name,
      branchName: row.branch_name,
      status: row.status === 'late' ? 'late' : 'present',
      checkedInAt: row.checked_in_at,
    })),
    lastId: rows[0]?.id ?? since,
  }
}
