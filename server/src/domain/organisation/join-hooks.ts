import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'

/** A join request was approved or refused. */
export interface JoinDecision {
  requestId: number
  /** the asking account (on an approval, now the roster entry) */
  userId: number
  approved: boolean
  reason: string | null
}

/**
 * The one place a join request's decision reaches the person who asked, called inside the
 * deciding transaction. It tells no one yet: notifications (an in-app message and a WeChat
 * subscribe message) hook in here.
 */
export async function joinRequestDecided(
  _trx: Transaction<Database>,
  _decision: JoinDecision,
  _now: Date,
): Promise<void> {
  // Intentionally empty until notifications arrive.
}
