import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'

/** What a write endpoint answers: the HTTP status and the JSON body (an error envelope for 4xx). */
export interface Answer {
  statusCode: number
  body: unknown
}

export interface IdempotentAnswer extends Answer {
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean
}

export interface IdempotencyKey {
  userId: number
  key: string
  /** The request the key belongs to, e.g. `POST /api/events/12/signup`. */
  scope: string
}

const SAVEPOINT = 'idempotent_operation'

const errorAnswer = (error: AppError): Answer => ({
  statusCode: error.statusCode,
  body: { error: { code: error.code, message: error.message } },
})

/**
 * Runs `operation` in one transaction. With a key, the key row is inserted first in that same
 * transaction, so the first request with a key does the work and every later one (or a concurrent
 * one, which waits on the key's unique index until the first commits) answers what the first
 * answered and changes nothing. Business errors (AppError 4xx) are stored as answers too, with the
 * operation's own writes rolled back to a savepoint; anything else rolls everything back, so the
 * request can be retried with the same key.
 */
export async function runIdempotent(
  db: Kysely<Database>,
  key: IdempotencyKey | null,
  operation: (trx: Transaction<Database>) => Promise<Answer>,
  now = new Date(),
): Promise<IdempotentAnswer> {
  if (key === null) {
    const answer = await db.transaction().execute(operation)
    return { ...answer, replayed: false }
  }

  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({
        user_id: key.userId,
        key: key.key,
        scope: key.scope,
        status_code: 0,
        response_json: 'null',
        created_at: now.toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
      .executeTakeFirst()

    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .select(['scope', 'status_code', 'response_json'])
        .where('user_id', '=', key.userId)
        .where('key', '=', key.key)
        .executeTakeFirstOrThrow()
      if (stored.scope !== key.scope) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key 已用于其他请求,请换一个新的键')
      }
      return { statusCode: stored.status_code, body: JSON.parse(stored.response_json), replayed: true }
    }

    await sql`savepoint ${sql.raw(SAVEPOINT)}`.execute(trx)
    let answer: Answer
    try {
      answer = await operation(trx)
      await sql`release savepoint ${sql.raw(SAVEPOINT)}`.execute(trx)
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error
      await sql`rollback to savepoint ${sql.raw(SAVEPOINT)}`.execute(trx)
      answer = errorAnswer(error)
    }
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: answer.statusCode, response_json: JSON.stringify(answer.body) })
      .where('user_id', '=', key.userId)
      .where('key', '=', key.key)
      .execute()
    return { ...answer, replayed: false }
  })
}

/** The key of a request, if it sent an `Idempotency-Key` header (validated by the route schema). */
export function idempotencyKeyOf(
  userId: number,
  header: string | undefined,
  scope: string,
): IdempotencyKey | null {
  return header === undefined ? null : { userId, key: header, scope }
}
