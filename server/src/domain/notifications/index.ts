/*
 * Telling members what happened. Every domain calls `notify(trx, messages, now)` inside its own
 * transaction, with a message made by one of the builders in messages.ts; timed reminders are
 * scheduled with the functions of reminders.ts. The worker (worker.ts) does the rest.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { joinRequestDecided, type JoinDecision } from './messages'
import { notify } from './notify'

export { notify, dedupeKey, type Message } from './notify'
export * as messages from './messages'
export { dropReminders, scheduleEventReminders, scheduleSessionReminders } from './reminders'

/**
 * Tells the person who asked to join a branch how it was decided (in-app, and a subscribe message
 * when they accepted one). Call it in the transaction that approves or rejects the request.
 */
export async function notifyJoinRequestDecided(
  trx: Kysely<Database>,
  decision: JoinDecision,
  now: Date,
): Promise<void> {
  await notify(trx, [joinRequestDecided(decision)], now)
}
