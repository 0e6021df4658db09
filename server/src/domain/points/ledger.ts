import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/types'
import type { PointsRuleCode } from '../../schemas/points'
import { parkDay } from '../park-time'
import { describeAward } from './reasons'

/*
 * The one way points are ever given. The ledger is append-only: nothing here (or anywhere) updates
 * or deletes a ledger row, and a member's balance is the sum of their rows. Two database rules make
 * awards hold under any concurrency, on one server or several:
 *  - once per object: a unique index on (user_id, object_key); a second award of the same object
 *    inserts nothing. Training present and late share the key `session:<id>`, so a session can
 *    never give both.
 *  - daily caps: a guarded upsert on points_daily (user, rule, park-time day) that only adds while
 *    the new total stays within the cap; it also serialises the awards of one member and rule.
 * Both run in one transaction (a savepoint inside the caller's), so a refused award leaves nothing.
 */

export interface AwardInput {
  userId: number
  rule: PointsRuleCode
  objectType: string
  objectId: number
  /** Decides the points day (park time). */
  now: Date
}

export interface UnitsAwardInput extends AwardInput {
  /** How many times the rule's points are earned at once (study_material: full 4-minute spans). */
  units: number
  /** The ledger text; derived from the object when omitted (e.g. 阅读通知《…》). */
  reason?: string
}

/** The once-per-object key: present and late at one session share `session:<id>`. */
export const objectKeyOf = (objectType: string, objectId: number): string => `${objectType}:${objectId}`

/**
 * How many units of a rule fit under its daily cap, given the points the member already has from
 * it today. The one statement of the cap: live awards and the demo seed both ask it.
 */
export function unitsWithinCap(
  rule: { points: number; daily_cap: number | null },
  units: number,
  totalToday: number,
): number {
  if (rule.daily_cap === null) return units
  return Math.max(0, Math.min(units, Math.floor((rule.daily_cap - totalToday) / rule.points)))
}

/** Thrown inside the award's transaction to undo what it wrote; never leaves this module. */
class NothingAwarded extends Error {}

let savepoints = 0

/**
 * Runs `work` atomically: in its own transaction, or under a savepoint of the caller's. When work
 * throws (NothingAwarded or a real error) everything it wrote is rolled back, and the caller's
 * transaction stays usable (on PostgreSQL too).
 */
async function atomically(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<number>) {
  try {
    if (!db.isTransaction) return await db.transaction().execute(work)
    const name = sql.raw(`points_award_${++savepoints}`)
    await sql`savepoint ${name}`.execute(db)
    try {
      const awarded = await work(db)
      await sql`release savepoint ${name}`.execute(db)
      return awarded
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(db)
      await sql`release savepoint ${name}`.execute(db)
      throw error
    }
  } catch (error) {
    if (error instanceof NothingAwarded) return 0
    throw error
  }
}

async function dailyTotal(db: Kysely<Database>, userId: number, rule: PointsRuleCode, day: string) {
  const row = await db
    .selectFrom('points_daily')
    .select('total')
    .where('user_id', '=', userId)
    .where('rule', '=', rule)
    .where('day', '=', day)
    .executeTakeFirst()
  return row?.total ?? 0
}

/**
 * Adds `delta` to the member's day for the rule, only while the result stays within `cap`.
 * Returns false (and changes nothing) when it would exceed the cap.
 */
async function addToDay(
  db: Kysely<Database>,
  day: { userId: number; rule: PointsRuleCode; day: string },
  delta: number,
  cap: number | null,
): Promise<boolean> {
  const row = await db
    .insertInto('points_daily')
    .values({ user_id: day.userId, rule: day.rule, day: day.day, total: delta })
    .onConflict((conflict) => {
      const update = conflict
        .columns(['user_id', 'rule', 'day'])
        .doUpdateSet((eb) => ({ total: eb('points_daily.total', '+', eb.ref('excluded.total')) }))
      return cap === null
        ? update
        : update.where((eb) => eb(eb('points_daily.total', '+', eb.ref('excluded.total')), '<=', cap))
    })
    .returning('total')
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Awards `units` × the rule's points, or as many units as today's cap still allows. Returns the
 * points awarded: 0 when the rule is off, the cap is reached or the object was already rewarded.
 */
export async function awardUnits(db: Kysely<Database>, input: UnitsAwardInput): Promise<number> {
  const { now } = input
  if (!Number.isSafeInteger(input.units) || input.units < 1) return 0
  return atomically(db, async (trx) => {
    const rule = await trx
      .selectFrom('points_rules')
      .selectAll()
      .where('code', '=', input.rule)
      .executeTakeFirst()
    if (!rule || rule.active !== 1 || rule.points <= 0) return 0

    const objectKey = rule.once_per_object === 1 ? objectKeyOf(input.objectType, input.objectId) : null
    if (objectKey !== null) {
      // Cheap early answer; the unique index below has the final say under concurrency.
      const earlier = await trx
        .selectFrom('points_ledger')
        .select('id')
        .where('user_id', '=', input.userId)
        .where('object_key', '=', objectKey)
        .executeTakeFirst()
      if (earlier) return 0
    }

    const day = { userId: input.userId, rule: input.rule, day: parkDay(now) }
    const cap = rule.daily_cap
    let units =
      cap === null
        ? input.units
        : unitsWithinCap(rule, input.units, await dailyTotal(trx, input.userId, input.rule, day.day))
    // Most units first; a concurrent award may have taken some room since the read above.
    let delta = 0
    for (; units >= 1; units--) {
      if (await addToDay(trx, day, units * rule.points, cap)) {
        delta = units * rule.points
        break
      }
    }
    if (delta === 0) return 0

    const inserted = await trx
      .insertInto('points_ledger')
      .values({
        user_id: input.userId,
        rule: input.rule,
        delta,
        object_type: input.objectType,
        object_id: input.objectId,
        object_key: objectKey,
        reason: input.reason ?? (await describeAward(trx, input.rule, input.objectType, input.objectId)),
        day: day.day,
        created_at: now.toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['user_id', 'object_key']).doNothing())
      .returning('id')
      .executeTakeFirst()
    // Rewarded meanwhile by a concurrent request: undo the day's addition.
    if (!inserted) throw new NothingAwarded()
    return delta
  })
}

/**
 * Awards a rule's points once for an object (a notice read, a session attended, an event attended).
 * Returns the points actually awarded: 0 when capped or already awarded; never throws for either.
 * Safe inside the caller's transaction: a refused award writes nothing and leaves it usable.
 */
export async function awardPoints(
  db: Kysely<Database> | Transaction<Database>,
  input: {
    userId: number
    rule: 'read_notice' | 'study_material' | 'training_present' | 'training_late' | 'attend_event'
    objectType: string
    objectId: number
    now: Date
  },
): Promise<number> {
  return awardUnits(db, { ...input, units: 1 })
}

/**
 * Takes back what an object earned a member (an undone 补签): one more ledger row of the opposite
 * sign, so the history keeps both. Returns the points taken back (0 when the object's rows already
 * sum to nothing). The once-per-object key stays taken: the object earns nothing a second time.
 */
export async function takeBackPoints(
  db: Kysely<Database> | Transaction<Database>,
  input: { userId: number; objectType: string; objectId: number; reason: string; now: Date },
): Promise<number> {
  const rows = await db
    .selectFrom('points_ledger')
    .select(['rule', 'delta'])
    .where('user_id', '=', input.userId)
    .where('object_type', '=', input.objectType)
    .where('object_id', '=', input.objectId)
    .orderBy('id')
    .execute()
  const net = rows.reduce((sum, row) => sum + row.delta, 0)
  if (net <= 0) return 0
  await db
    .insertInto('points_ledger')
    .values({
      user_id: input.userId,
      rule: rows[0].rule,
      delta: -net,
      object_type: input.objectType,
      object_id: input.objectId,
      object_key: null,
      reason: input.reason,
      day: parkDay(input.now),
      created_at: input.now.toISOString(),
    })
    .execute()
  return net
}
