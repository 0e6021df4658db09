import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  checkSessionShortCodes,
  countWrongShortCode,
  returnShortCodeAttempt,
  takeShortCodeAttempt,
} from '../../domain/checkins/attempts'
import { checkIn } from '../../domain/checkins/checkin'
import { deriveCodeKeys } from '../../domain/checkins/code'
import { isWrongCode, verifyCheckinCode } from '../../domain/checkins/rules'
import { idempotencyKeyOf, runIdempotent } from '../../domain/idempotency'
import { currentViewer } from '../../plugins/auth'
import { CheckinBody, CheckinResult, IdempotencyHeaders } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { sendAnswer } from '../reply'

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
          '身份只取自登录,时间以服务器为准。签到于开始前 30 分钟开放、结束时关闭(422 CHECKIN_CLOSED),开始 10 分钟后为迟到;每人每场一次(409 ALREADY_CHECKED_IN)。',
          '离线队列补交时带 `scannedAt`:二维码仍有效则照常签到;二维码过期后 10 分钟内送达的记为 `pending`(待确认),不计积分,由组织者确认后才计入。`scannedAt` 不决定迟到与否。',
          '6 位签到码每人每 10 分钟最多输错 5 次;每场签到每分钟最多接受所有成员共 30 次错误,超出后该场的签到码 1 分钟内不可用(429 RATE_LIMITED),二维码不受影响。已过期的签到码也算输错。带 `Idempotency-Key` 的重试返回首次结果。',
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
      const sessionId = 'shortCode' in body ? body.sessionId : null
      const attemptWindow = sessionId !== null ? await takeShortCodeAttempt(app.db, viewer.id, now) : null
      let wrong = false
      try {
        if (sessionId !== null) {
          // Classed before it is answered, so a wrong guess is counted before anyone learns it was wrong.
          wrong = isWrongCode(keys, body, now)
          if (wrong) await countWrongShortCode(app.db, sessionId, now)
          else await checkSessionShortCodes(app.db, sessionId, now)
        }
        const key = idempotencyKeyOf(viewer.id, request)
        const answer = await runIdempotent(
          app.db,
          key,
          async (trx) => ({
            statusCode: 201,
            body: await checkIn(trx, viewer, verifyCheckinCode(keys, body, now), now),
          }),
          now,
        )
        return sendAnswer(reply, answer)
      } finally {
        // Only a wrong code uses up the member's attempt.
        if (attemptWindow !== null && !wrong) await returnShortCodeAttempt(app.db, viewer.id, attemptWindow)
      }
    },
  )
}

export default checkins
