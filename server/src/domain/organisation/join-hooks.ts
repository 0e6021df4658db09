import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { notifyJoinRequestDecided } from '../notifications'

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
 * deciding transaction: an in-app message and, when they accepted the template, a WeChat
 * subscribe message (through the notification outbox, so it is sent once the decision commits).
 */
export async function joinRequestDecided(
  trx: Transaction<Database>,
  decision: JoinDecision,
  now: Date,
): Promise<void> {
  const branch = await trx
    .selectFrom('join_requests')
    .innerJoin('branches', 'branches.id', 'join_requests.branch_id')
    .select('branches.name')
    .where('join_requests.id', '=', decision.requestId)
    .executeTakeFirstOrThrow()
  await notifyJoinRequestDecided(
    trx,
    { ...decision, branchName: branch.name, decidedAt: now.toISOString() },
    now,
  )
}
