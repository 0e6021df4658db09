import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { returnShortCodeAttempt, takeShortCodeAttempt } from '../../domain/checkins/attempts'
import { checkIn } from '../../domain/checkins/checkin'
import { deriveCodeKeys } from '../../domain/checkins/code'
import { verifyCheckinCode } from '../../domain/checkins/rules'
import { idempotencyKeyOf, runIdempotent, type Answer } from '../../domain/idempotency'
import { AppError } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import { CheckinBody, CheckinResult, IdempotencyHeaders } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { sendAnswer } from '../reply'

const errorCodeOf = (answer: Answer): string | undefined =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code

const checkins: FastifyPluginAsyncTypebox = async (app) => {
  const keys = deriveCodeKeys(app.config.jwtSecret)

  app.post(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '签到:扫描大屏二维码 `{ code }`,或输入 6 位签到码 `{ sessionId, shortCode }`',
        description: [
          '身份只取自登录。签到于开始前 30 分钟开放、结束时关闭(422 CHECKIN_CLOSED),开始 10 分钟后为迟到;每人每场一次(409 ALREADY_CHECKED_IN)。',
          '离线队列补交时带 `scannedAt`(扫码时间):按扫码时间判断,须在二维码过期后 10 分钟内送达,记为离线签到。',
          '6 位签到码每人每 10 分钟最多输错 5 次(429 RATE_LIMITED)。带 `Idempotency-Key` 的重试返回首次结果。',
        ].join('\n\n'),
        security: bearerAuth,
        body: CheckinBody,
        headers: IdempotencyHeaders,
        response: { 201: CheckinResult, ...errorResponses(400, 401, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { body } = request
      const now = app.now()
      const attemptWindow = 'shortCode' in body ? await takeShortCodeAttempt(app.db, viewer.id, now) : null
      let wrongShortCode = false
      try {
        const key = idempotencyKeyOf(viewer.id, request.headers['idempotency-key'], 'POST /api/checkins')
        const answer = await runIdempotent(
          app.db,
          key,
          async (trx) => ({
            statusCode: 201,
            body: await checkIn(trx, viewer, verifyCheckinCode(keys, body, now), now),
          }),
          now,
        )
        wrongShortCode = attemptWindow !== null && !answer.replayed && errorCodeOf(answer) === 'CODE_INVALID'
        return sendAnswer(reply, answer)
      } catch (error) {
        wrongShortCode = attemptWindow !== null && error instanceof AppError && error.code === 'CODE_INVALID'
        throw error
      } finally {
        // Only a wrong code uses up an attempt.
        if (attemptWindow !== null && !wrongShortCode)
          await returnShortCodeAttempt(app.db, viewer.id, attemptWindow)
      }
    },
  )
}

export default checkins
