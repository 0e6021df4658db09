import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { EventCheckinResult } from '../../schemas'
import { checkNotSelf, type Viewer } from '../access'
import { findManagedEvent } from '../events/repository'
import { formatParkTime, HOUR_MS, shiftIso } from '../park-time'
import { awardPoints } from '../points/ledger'
import { memberOfCard } from './verify'

/** The door opens two hours before the start and stays open until two hours after the end. */
export const EVENT_CHECKIN_LEAD_MS = 2 * HOUR_MS
export const EVENT_CHECKIN_GRACE_MS = 2 * HOUR_MS

const checkinClosed = (message: string) => new AppError(422, 'CHECKIN_CLOSED', message)
const notConfirmed = (message: string) => new AppError(422, 'NOT_CONFIRMED', message)

/**
 * An organiser scans a member's card at the event door: the member's confirmed signup is marked
 * checked in and the member earns the event's points once. Only members with a confirmed place can
 * be checked in (walk-ins sign up first, if places are left); a second scan is 409.
 * Runs inside the caller's transaction; the event row is locked first, like every event write.
 */
export async function checkInByCard(
  trx: Kysely<Database>,
  organiser: Viewer,
  input: { eventId: number; payload: string; secret: string },
  now: Date,
): Promise<EventCheckinResult> {
  const event = await findManagedEvent(trx, organiser, input.eventId, { lock: true })
  const member = await memberOfCard(trx, input.secret, input.payload, now)
  checkNotSelf(organiser, member.id)

  if (event.cancelled_at !== null) throw checkinClosed('活动已取消,无法签到')
  const at = now.toISOString()
  const opensAt = shiftIso(event.starts_at, -EVENT_CHECKIN_LEAD_MS)
  if (at < opensAt) {
    throw checkinClosed(`签到尚未开始:活动开始前 2 小时(${formatParkTime(opensAt)})起可签到`)
  }
  if (at > shiftIso(event.ends_at, EVENT_CHECKIN_GRACE_MS)) {
    throw checkinClosed('活动已结束,签到已关闭')
  }

  const signup = await trx
    .selectFrom('event_signups')
    .select(['id', 'status', 'checked_in_at'])
    .where('event_id', '=', event.id)
    .where('user_id', '=', member.id)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst()
  if (!signup) throw notConfirmed(`${member.name} 未报名该活动,请先报名后再签到`)
  if (signup.status !== 'confirmed') throw notConfirmed(`${member.name} 在候补名单中,尚未报名成功,不能签到`)
  const alreadyCheckedIn = (at: string | null) =>
    new AppError(
      409,
      'ALREADY_CHECKED_IN',
      at !== null ? `${member.name} 已于 ${formatParkTime(at)} 签到` : `${member.name} 已签到`,
    )
  if (signup.checked_in_at !== null) throw alreadyCheckedIn(signup.checked_in_at)

  const checkedInAt = now.toISOString()
  const marked = await trx
    .updateTable('event_signups')
    .set({ checked_in_at: checkedInAt })
    .where('id', '=', signup.id)
    .where('status', '=', 'confirmed')
    .where('checked_in_at', 'is', null)
    .executeTakeFirst()
  if (Number(marked.numUpdatedRows) !== 1) throw alreadyCheckedIn(null)

  const pointsAwarded = await awardPoints(trx, {
    userId: member.id,
    rule: 'attend_event',
    objectType: 'event',
    objectId: event.id,
    now,
  })
  return {
    member: { id: member.id, name: member.name, branch: member.branch },
    checkedInAt,
    pointsAwarded,
  }
}
