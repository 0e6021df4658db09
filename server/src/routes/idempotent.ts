import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/types'
import { idempotencyKeyOf, runIdempotent } from '../domain/idempotency'
import { currentViewer } from '../plugins/auth'
import { sendAnswer } from './reply'

/**
 * A retryable create (signup, claim, door check-in): runs `create` in one transaction under the
 * request's `Idempotency-Key`, scoped to the viewer, the method, the path and the body, and sends its 201 answer, or the
 * answer stored for an earlier request with the same key.
 */
export async function createIdempotently(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  create: (trx: Kysely<Database>) => Promise<unknown>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(currentViewer(request).id, request)
  const answer = await runIdempotent(db, key, async (trx) => ({ statusCode: 201, body: await create(trx) }))
  return sendAnswer(reply, answer)
}
