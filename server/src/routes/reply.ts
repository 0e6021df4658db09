import type { FastifyReply } from 'fastify'
import type { IdempotentAnswer } from '../domain/idempotency'

/** Sends the answer of an idempotent write, marking a replayed one with `Idempotent-Replayed: true`. */
export function sendAnswer(reply: FastifyReply, answer: IdempotentAnswer): FastifyReply {
  if (answer.replayed) reply.header('idempotent-replayed', 'true')
  return reply.status(answer.statusCode).send(answer.body)
}
