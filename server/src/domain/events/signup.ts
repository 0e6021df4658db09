import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { SignupResult } from '../../schemas'
import { canView, type Viewer } from '../access'
import { notify } from '../notifications/notify'
import { waitlistPromoted } from '../notifications/messages'
import { eventNotFound, lockEvent } from './repository'
import { cancelDeadlinePassed, eventStatus, signupClosedReason } from './rules'

/*
 * Signup rules. Every function here runs inside the caller's transaction and starts by locking the
 * event row (see lockEvent); capacity is then taken by a guarded update, never by counting first.
 */

const alreadySignedUp = (waitlisted = false) =>
  new AppError(409, 'ALREADY_SIGNED_UP', waitlisted ? '您已在该活动的候补名单中' : '您已报名该活动')

async function activeSignup(db: Kysely<Database>, eventId: number, userId: number) {
  return db
    .selectFrom('event_signups')
    .select(['id', 'status', 'waitlist_seq'])
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst()
}

/** 1 + the waitlisted signups of the event that arrived earlier: always exact, as it is counted on read. */
export async function waitlistPosition(db: Kysely<Database>, eventId: number, seq: number): Promise<number> {
  const row = await db
    .selectFrom('event_signups')
    .select((eb) => eb.fn.countAll<number | string>().as('ahead'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .where('waitlist_seq', '<', seq)
    .executeTakeFirstOrThrow()
  return Number(row.ahead) + 1
}

/** Signs the viewer up: a confirmed place while one is free, else the next place on the waitlist. */
export async function signUp(
  trx: Kysely<Database>,
  viewer: Viewer,
  eventId: number,
  now: Date,
): Promise<SignupResult> {
  const event = await lockEvent(trx, eventId)
  if (!event || !canView(viewer, { branchId: event.branch_id })) throw eventNotFound()
  const closed = signupClosedReason(event, now)
  if (closed) throw new AppError(422, 'SIGNUP_CLOSED', closed)
  const existing = await activeSignup(trx, eventId, viewer.id)
  if (existing) throw alreadySignedUp(existing.status === 'waitlisted')

  const at = now.toISOString()
  const seated = await trx
    .updateTable('events')
    .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', 1) }))
    .where('id', '=', eventId)
    .whereRef('confirmed_count', '<', 'capacity')
    .executeTakeFirst()

  if (Number(seated.numUpdatedRows) === 1) {
    await insertSignup(trx, {
      event_id: eventId,
      user_id: viewer.id,
      status: 'confirmed',
      waitlist_seq: null,
      created_at: at,
      confirmed_at: at,
    })
    return { status: 'confirmed' }
  }

  const ticket = await trx
    .updateTable('events')
    .set((eb) => ({ waitlist_seq: eb('waitlist_seq', '+', 1) }))
    .where('id', '=', eventId)
    .returning('waitlist_seq')
    .executeTakeFirstOrThrow()
  await insertSignup(trx, {
    event_id: eventId,
    user_id: viewer.id,
    status: 'waitlisted',
    waitlist_seq: ticket.waitlist_seq,
    created_at: at,
    confirmed_at: null,
  })
  return { status: 'waitlisted', position: await waitlistPosition(trx, eventId, ticket.waitlist_seq) }
}

async function insertSignup(
  trx: Kysely<Database>,
  row: {
    event_id: number
    user_id: number
    status: 'confirmed' | 'waitlisted'
    waitlist_seq: number | null
    created_at: string
    confirmed_at: string | null
  },
): Promise<void> {
  try {
    await trx.insertInto('event_signups').values(row).execute()
  } catch (error) {
    // The partial unique index on (event_id, user_id) caught a second active signup.
    if (isUniqueViolation(error)) throw alreadySignedUp()
    throw error
  }
}

/**
 * Cancels the viewer's signup. A confirmed member may cancel until the cancel deadline and their
 * place goes to the head of the waitlist; a waitlisted member may always leave the waitlist.
 */
export async function cancelSignup(
  trx: Kysely<Database>,
  viewer: Viewer,
  eventId: number,
  now: Date,
): Promise<{ status: 'cancelled' }> {
  const event = await lockEvent(trx, eventId)
  if (!event || !canView(viewer, { branchId: event.branch_id })) throw eventNotFound()
  const signup = await activeSignup(trx, eventId, viewer.id)
  if (!signup) throw new AppError(404, 'NOT_SIGNED_UP', '您尚未报名该活动')
  const confirmed = signup.status === 'confirmed'
  if (confirmed && event.cancelled_at === null && cancelDeadlinePassed(event, now)) {
    throw new AppError(422, 'CANCEL_DEADLINE_PASSED', '已过取消报名截止时间,如有特殊情况请联系活动组织者')
  }

  await trx
    .updateTable('event_signups')
    .set({ status: 'cancelled', cancelled_at: now.toISOString() })
    .where('id', '=', signup.id)
    .where('status', '=', signup.status)
    .execute()
  if (confirmed) {
    await trx
      .updateTable('events')
      .set((eb) => ({ confirmed_count: eb('confirmed_count', '-', 1) }))
      .where('id', '=', eventId)
      .where('confirmed_count', '>', 0)
      .execute()
    await fillFromWaitlist(trx, eventId, now)
  }
  return { status: 'cancelled' }
}

/**
 * Confirms waitlisted members in arrival order while places are free, and tells each of them.
 * Runs after a confirmed cancellation and after a capacity raise, on a locked event row.
 * Returns the promoted members' ids.
 */
export async function fillFromWaitlist(trx: Kysely<Database>, eventId: number, now: Date): Promise<number[]> {
  const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow()
  const status = eventStatus(event, now)
  if (status === 'cancelled' || status === 'ended') return []
  const free = event.capacity - event.confirmed_count
  if (free <= 0) return []

  const heads = await trx
    .selectFrom('event_signups')
    .select(['id', 'user_id'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('waitlist_seq')
    .limit(free)
    .execute()
  if (heads.length === 0) return []

  const seated = await trx
    .updateTable('events')
    .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', heads.length) }))
    .where('id', '=', eventId)
    .where((eb) => eb(eb('confirmed_count', '+', heads.length), '<=', eb.ref('capacity')))
    .executeTakeFirst()
  if (Number(seated.numUpdatedRows) !== 1)
    throw new Error(`event ${eventId} changed while its row was locked`)

  const promoted = await trx
    .updateTable('event_signups')
    .set({ status: 'confirmed', confirmed_at: now.toISOString() })
    .where(
      'id',
      'in',
      heads.map((head) => head.id),
    )
    .where('status', '=', 'waitlisted')
    .executeTakeFirst()
  if (Number(promoted.numUpdatedRows) !== heads.length) {
    throw new Error(`waitlist of event ${eventId} changed while its row was locked`)
  }

  await notify(
    trx,
    heads.map((head) => waitlistPromoted(event, head.user_id, head.id)),
    now,
  )
  return heads.map((head) => head.user_id)
}
