import type { Kysely } from 'kysely'
import type { CheckinStatus, Database } from '../../db/types'
import { AppError, forbidden } from '../../errors'
import type { CheckinResult } from '../../schemas'
import { canView, type Viewer } from '../access'
import { findSession, type SessionWithCourse } from '../courses/sessions'
import { toIso } from '../park-time'
import { awardPoints } from '../points/ledger'
import { alreadyCheckedIn, attendanceAt, codeInvalid, pendingCheckinAt, type CheckinClaim } from './rules'

/** The points a counted sign-in earns, in the caller's transaction (once per member and session). */
export function awardAttendance(
  trx: Kysely<Database>,
  userId: number,
  session: { id: number },
  status: 'present' | 'late',
  now: Date,
): Promise<number> {
  return awardPoints(trx, {
    userId,
    rule: status === 'late' ? 'training_late' : 'training_present',
    objectType: 'session',
    objectId: session.id,
    now,
  })
}

/** A member's record of a session (sign-in, pending sign-in or leave), if any. */
export function recordOf(db: Kysely<Database>, sessionId: number, userId: number) {
  return db
    .selectFrom('checkins')
    .select(['id', 'status', 'checked_in_at'])
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** What a member's own sign-in may replace: an organiser's leave, or their own pending one. */
const REPLACEABLE: readonly CheckinStatus[] = ['leave', 'pending']

/**
 * Signs the viewer in to the session a verified code names. Identity comes from the login alone.
 * Once per member and session: the unique key (session, member) has the final say, so two
 * sign-ins of one member racing each other record one. A live sign-in replaces a leave or a pending
 * one; a pending sign-in replaces nothing and earns nothing until an organiser confirms it.
 */
export async function checkIn(
  trx: Kysely<Database>,
  viewer: Viewer,
  claim: CheckinClaim,
  now: Date,
): Promise<CheckinResult> {
  const session = await findSession(trx, claim.sessionId)
  if (!session) throw codeInvalid()
  if (!canView(viewer, { branchId: session.branch_id })) throw forbidden('该课程仅限本支部成员签到')
  const at = claim.pending ? pendingCheckinAt(session, claim.codeAt) : now.getTime()
  const counted = attendanceAt(session, at)
  const status: CheckinStatus = claim.pending ? 'pending' : counted
  const checkedInAt = toIso(at)

  const row = {
    session_id: session.id,
    user_id: viewer.id,
    status,
    checked_in_at: checkedInAt,
    scanned_at: claim.scannedAt === null ? null : toIso(claim.scannedAt),
    offline: claim.offline ? 1 : 0,
    manual: 0,
    note: null,
    recorded_by: null,
    created_at: now.toISOString(),
  }
  const insert = () =>
    trx
      .insertInto('checkins')
      .values(row)
      .onConflict((conflict) => conflict.columns(['session_id', 'user_id']).doNothing())
      .executeTakeFirst()
  let inserted = Number((await insert()).numInsertedOrUpdatedRows ?? 0) === 1
  if (!inserted && !claim.pending) {
    const replaced = await trx
      .deleteFrom('checkins')
      .where('session_id', '=', session.id)
      .where('user_id', '=', viewer.id)
      .where('status', 'in', REPLACEABLE)
      .executeTakeFirst()
    if (Number(replaced.numDeletedRows) === 1)
      inserted = Number((await insert()).numInsertedOrUpdatedRows ?? 0) === 1
  }
  if (!inserted) throw await refusalOver(trx, session, viewer.id)

  const pointsAwarded =
    status === 'pending' ? 0 : await awardAttendance(trx, viewer.id, session, counted, now)
  return {
    sessionId: session.id,
    courseTitle: session.course_title,
    checkedInAt,
    status: status === 'pending' ? 'pending' : counted,
    pointsAwarded,
    offline: claim.offline,
  }
}

/** Why a sign-in over the member's existing record is refused. */
async function refusalOver(trx: Kysely<Database>, session: SessionWithCourse, userId: number) {
  const existing = await recordOf(trx, session.id, userId)
  if (existing?.status === 'pending') return alreadyCheckedIn('您的签到已提交,待书记确认')
  if (existing?.status === 'leave') {
    return new AppError(409, 'ALREADY_CHECKED_IN', '本场已登记请假;如已到场,请扫描大屏上最新的二维码')
  }
  return alreadyCheckedIn()
}
