import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { MyPoints, PointsRule } from '../../schemas'
import { decodeCursor, encodeCursor, isId, isIsoTime, keysetAfter, pageFrom } from '../cursor'
import { parkDay } from '../park-time'

/** A member's balance: always the sum of their ledger, never a stored counter. */
export async function totalPoints(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('points_ledger')
    .select((eb) => eb.fn.sum<number | string | null>('delta').as('total'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.total ?? 0)
}

/** The sum of the member's entries of one park-time day (today by default). */
export async function pointsOfDay(db: Kysely<Database>, userId: number, day: string): Promise<number> {
  const row = await db
    .selectFrom('points_ledger')
    .select((eb) => eb.fn.sum<number | string | null>('delta').as('total'))
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .executeTakeFirstOrThrow()
  return Number(row.total ?? 0)
}

/** Position in the history (created_at desc, id desc), carried by the cursor. */
export interface HistoryPosition {
  createdAt: string
  id: number
}

export function decodeHistoryCursor(cursor: string): HistoryPosition | null {
  const value = decodeCursor(cursor)
  if (!value || value.length !== 2) return null
  const [createdAt, id] = value
  return isIsoTime(createdAt) && isId(id) ? { createdAt, id } : null
}

/** Balance, today's points and one page of the history, newest first. */
export async function myPoints(
  db: Kysely<Database>,
  userId: number,
  page: { limit: number; after: HistoryPosition | null },
  now: Date,
): Promise<MyPoints> {
  const { after } = page
  const rows = await db
    .selectFrom('points_ledger')
    .select(['id', 'delta', 'rule', 'reason', 'created_at'])
    .where('user_id', '=', userId)
    .$if(after !== null, (q) =>
      q.where(keysetAfter('created_at', 'id', { at: after!.createdAt, id: after!.id }, 'desc')),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const history = pageFrom(
    rows,
    page.limit,
    (row) => ({
      id: row.id,
      delta: row.delta,
      rule: row.rule,
      reason: row.reason,
      createdAt: row.created_at,
    }),
    (row) => encodeCursor([row.created_at, row.id]),
  )
  return {
    total: await totalPoints(db, userId),
    today: await pointsOfDay(db, userId, parkDay(now)),
    ...history,
  }
}

/** The rules in force, in display order. */
export async function listRules(db: Kysely<Database>): Promise<PointsRule[]> {
  const rows = await db
    .selectFrom('points_rules')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('code')
    .execute()
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    points: row.points,
    dailyCap: row.daily_cap,
    oncePerObject: row.once_per_object === 1,
    description: row.description,
  }))
}
