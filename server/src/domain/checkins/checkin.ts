import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { forbidden } from '../../errors'
import type { CheckinResult } from '../../schemas'
import { canView, type Viewer } from '../access'
import { findSession } from '../courses/repository'
import { toIso } from '../park-time'
import { awardPoints } from '../points/ledger'
import { alreadyCheckedIn, attendanceAt, codeInvalid, type CheckinClaim } from './rules'

/**
 * Signs the viewer in to the session a verified code names. Identity comes from the login alone.
 * Once per member and session: the unique key (session, member) has the final say, so two
 * sign-ins of one member racing each other record one. A leave recorded earlier gives way to the
 * member's own sign-in. Points are awarded in the caller's transaction.
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
  const status = attendanceAt(session, claim.at)
  const checkedInAt = toIso(claim.at)

  const row = {
    session_id: session.id,
    user_id: viewer.id,
    status,
    checked_in_at: checkedInAt,
    scanned_at: claim.offline ? checkedInAt : null,
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
  if (!inserted) {
    const replaced = await trx
      .deleteFrom('checkins')
      .where('session_id', '=', session.id)
      .where('user_id', '=', viewer.id)
      .where('status', '=', 'leave')
      .executeTakeFirst()
    if (Number(replaced.numDeletedRows) === 1)
      inserted = Number((await insert()).numInsertedOrUpdatedRows ?? 0) === 1
  }
  if (!inserted) throw alreadyCheckedIn()

  const pointsAwarded = await awardPoints(trx, {
    userId: viewer.id,
    rule: status === 'late' ? 'training_late' : 'training_present',
    objectType: 'session',
    objectId: session.id,
    now,
  })
  return {
    sessionId: session.id,
    courseTitle: session.course_title,
    checkedInAt,
    status,
    pointsAwarded,
    offline: claim.offline,
  }
}
