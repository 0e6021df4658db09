import { createHash } from 'node:crypto'
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
  /** The request the key belongs to: `POST /api/events/12/signup sha256:…` (method, path, body). */
  scope: string
}

/** What of a request decides whether a retry is the same request (a FastifyRequest has all of it). */
export interface KeyedRequest {
  method: string
  url: string
  body?: unknown
  headers: Readonly<Record<string, string | string[] | undefined>>
}

/** Keys are kept at least this long (API.md); older ones are deleted. */
export const KEY_LIFETIME_MS = 24 * 3600 * 1000

const SAVEPOINT = 'idempotent_operation'

/** Statuses that mean "not yours" or "not there": such an answer is not stored under the key. */
const UNAUTHORISED_STATUSES = new Set([401, 403, 404])

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are one body. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Method, path (without the query) and a digest of the body: what one key may be used for. */
export function scopeOf(request: Pick<KeyedRequest, 'method' | 'url' | 'body'>): string {
  const path = request.url.split('?')[0] ?? ''
  const body = request.body === undefined ? '' : canonicalJson(request.body)
  return `${request.method.toUpperCase()} ${path} sha256:${createHash('sha256').update(body).digest('base64url')}`
}

const errorAnswer = (error: AppError): Answer => ({
  statusCode: error.statusCode,
  body: { error: { code: error.code, message: error.message } },
})

/**
 * Runs `operation` in one transaction. With a key, the key row is inserted first in that same
 * transaction, so the first request with a key does the work and every later one (or a concurrent
 * one, which waits on the key's unique index until the first commits) answers what the first
 * answered and changes nothing. Business errors (AppError 4xx) are stored as answers too, with the
 * operation's own writes rolled back to a savepoint — except 401/403/404, which roll back the key
 * as well (a key is kept only for a request its user may make). Anything else rolls everything
 * back, so the request can be retried with the same key. Keys older than a day are deleted first.
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

  // In the database, so it holds whichever instance answers; the index on created_at keeps it cheap.
  const expired = new Date(now.getTime() - KEY_LIFETIME_MS).toISOString()
  await db.deleteFrom('idempotency_keys').where('created_at', '<', expired).execute()

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
      if (UNAUTHORISED_STATUSES.has(error.statusCode)) throw error
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

/**
 * The key of a user's request, if it sent an `Idempotency-Key` header (validated by the route
 * schema), scoped to the request's method, path and body.
 */
export function idempotencyKeyOf(userId: number, request: KeyedRequest): IdempotencyKey | null {
  const header = request.headers['idempotency-key']
  if (typeof header !== 'string') return null
  return { userId, key: header, scope: scopeOf(request) }
}
