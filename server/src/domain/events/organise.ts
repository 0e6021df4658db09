import type { Kysely } from 'kysely'
import type { Database, EventRow } from '../../db/types'
import { AppError } from '../../errors'
import type { EventCreate, EventPatch } from '../../schemas'
import { branchToActFor, type Viewer } from '../access'
import { isoTime, optionalText, requiredText } from '../input'
import { eventCancelled, eventMoved } from '../notifications/messages'
import { notify } from '../notifications/notify'
import { dropReminders, scheduleEventReminders } from '../notifications/reminders'
import { findManagedEvent } from './repository'
import { fillFromWaitlist } from './signup'
import {
  checkEventTimes,
  checkStartNotPast,
  defaultCancelDeadline,
  defaultSignupDeadline,
  type EventTimes,
} from './rules'

/** Creates an event and returns its id. Deadlines default to the start and to two hours before it. */
export async function createEvent(
  trx: Kysely<Database>,
  viewer: Viewer,
  input: EventCreate,
  now: Date,
): Promise<number> {
  const startsAt = isoTime(input.startsAt, 'startsAt')
  const times: EventTimes = {
    startsAt,
    endsAt: isoTime(input.endsAt, 'endsAt'),
    signupDeadline:
      input.signupDeadline !== undefined
        ? isoTime(input.signupDeadline, 'signupDeadline')
        : defaultSignupDeadline(startsAt),
    cancelDeadline:
      input.cancelDeadline !== undefined
        ? isoTime(input.cancelDeadline, 'cancelDeadline')
        : defaultCancelDeadline(startsAt),
  }
  const title = requiredText(input.title, 'title')
  const venue = requiredText(input.venue, 'venue')
  checkEventTimes(times)
  checkStartNotPast(times.startsAt, now)
  const branch = await branchToActFor(trx, viewer, input.branchId, { verb: '创建', noun: '活动' })

  const at = now.toISOString()
  const { id } = await trx
    .insertInto('events')
    .values({
      title,
      category: input.category,
      description: optionalText(input.description) ?? '',
      venue,
      starts_at: times.startsAt,
      ends_at: times.endsAt,
      capacity: input.capacity,
      signup_deadline: times.signupDeadline,
      cancel_deadline: times.cancelDeadline,
      branch_id: branch?.id ?? null,
      created_by: viewer.id,
      cancelled_at: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await scheduleEventReminders(trx, { id, starts_at: times.startsAt, cancelled_at: null }, now)
  return id
}

/** When the start moves, deadlines still at their default for the old start follow it. */
function movedDeadline(
  given: string | undefined,
  field: 'signupDeadline' | 'cancelDeadline',
  event: EventRow,
  startsAt: string,
): string {
  if (given !== undefined) return isoTime(given, field)
  const [stored, defaultFor] =
    field === 'signupDeadline'
      ? [event.signup_deadline, defaultSignupDeadline]
      : [event.cancel_deadline, defaultCancelDeadline]
  return stored === defaultFor(event.starts_at) ? defaultFor(startsAt) : stored
}

/**
 * Edits an event its organiser manages. Capacity may not drop below the confirmed members; raising
 * it (or anything else that frees places) confirms waitlisted members in order.
 */
export async function updateEvent(
  trx: Kysely<Database>,
  viewer: Viewer,
  eventId: number,
  patch: EventPatch,
  now: Date,
): Promise<void> {
  const event = await findManagedEvent(trx, viewer, eventId, { lock: true })
  if (event.cancelled_at !== null) throw new AppError(422, 'EVENT_CANCELLED', '活动已取消,不能再修改')
  if (patch.capacity !== undefined && patch.capacity < event.confirmed_count) {
    throw new AppError(
      422,
      'CAPACITY_BELOW_CONFIRMED',
      `已有 ${event.confirmed_count} 人报名成功,名额不能少于 ${event.confirmed_count}`,
    )
  }
  const startsAt = patch.startsAt !== undefined ? isoTime(patch.startsAt, 'startsAt') : event.starts_at
  const times: EventTimes = {
    startsAt,
    endsAt: patch.endsAt !== undefined ? isoTime(patch.endsAt, 'endsAt') : event.ends_at,
    signupDeadline: movedDeadline(patch.signupDeadline, 'signupDeadline', event, startsAt),
    cancelDeadline: movedDeadline(patch.cancelDeadline, 'cancelDeadline', event, startsAt),
  }
  checkEventTimes(times)
  // Editing an event that has begun is fine; moving its start into the past is not.
  if (times.startsAt !== event.starts_at) checkStartNotPast(times.startsAt, now)

  await trx
    .updateTable('events')
    .set({
      ...(patch.title !== undefined ? { title: requiredText(patch.title, 'title') } : {}),
      ...(patch.venue !== undefined ? { venue: requiredText(patch.venue, 'venue') } : {}),
      ...(patch.description !== undefined ? { description: optionalText(patch.description) } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      starts_at: times.startsAt,
      ends_at: times.endsAt,
      signup_deadline: times.signupDeadline,
      cancel_deadline: times.cancelDeadline,
      updated_at: now.toISOString(),
    })
    .where('id', '=', eventId)
    .execute()
  await fillFromWaitlist(trx, eventId, now)

  // Moved (another start or venue): its members are told, and its reminders follow the new start.
  const venue = patch.venue !== undefined ? requiredText(patch.venue, 'venue') : event.venue
  if (times.startsAt !== event.starts_at || venue !== event.venue) {
    const title = patch.title !== undefined ? requiredText(patch.title, 'title') : event.title
    const moved = { id: eventId, title, starts_at: times.startsAt, venue }
    const members = await trx
      .selectFrom('event_signups')
      .select('user_id')
      .where('event_id', '=', eventId)
      .where('status', '<>', 'cancelled')
      .execute()
    await notify(
      trx,
      members.map((member) => eventMoved(moved, event, member.user_id, now.toISOString())),
      now,
    )
  }
  if (times.startsAt !== event.starts_at) {
    await scheduleEventReminders(trx, { id: eventId, starts_at: times.startsAt, cancelled_at: null }, now)
  }
}

/**
 * Cancels an event: it stays listed as `cancelled` (signups are kept for the record), refuses new
 * signups, and every member signed up or waitlisted is told. Cancelling twice changes nothing.
 */
export async function cancelEvent(
  trx: Kysely<Database>,
  viewer: Viewer,
  eventId: number,
  now: Date,
): Promise<void> {
  const event = await findManagedEvent(trx, viewer, eventId, { lock: true })
  if (event.cancelled_at !== null) return
  const at = now.toISOString()
  await trx
    .updateTable('events')
    .set({ cancelled_at: at, updated_at: at })
    .where('id', '=', eventId)
    .execute()
  const members = await trx
    .selectFrom('event_signups')
    .select('user_id')
    .where('event_id', '=', eventId)
    .where('status', '<>', 'cancelled')
    .execute()
  await notify(
    trx,
    members.map((member) => eventCancelled(event, member.user_id)),
    now,
  )
  await dropReminders(trx, 'event', eventId, now)
}
