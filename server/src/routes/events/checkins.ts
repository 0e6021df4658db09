import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { checkInByCard } from '../../domain/cards/event-checkin'
import { currentViewer } from '../../plugins/auth'
import { CardPayloadBody, EventCheckinResult, IdempotencyHeaders, IdParams } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { createIdempotently } from '../idempotent'

/** `POST /api/events/:id/checkins`: the organiser scans a member's card at the door. */
const eventCheckins: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:id/checkins',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '活动现场签到(组织者扫成员的数字名片):标记签到并为成员计入活动积分',
        description:
          '只有报名成功的成员可以签到(未报名或候补中:422 NOT_CONFIRMED);重复签到 409 ALREADY_CHECKED_IN;' +
          '签到时间为活动开始前 2 小时至结束后 2 小时(否则 422 CHECKIN_CLOSED);名片无效或过期:422 CARD_INVALID / CARD_EXPIRED。' +
          '带 `Idempotency-Key` 请求头时,同一键的重试返回首次结果。',
        security: bearerAuth,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CardPayloadBody,
        response: { 201: EventCheckinResult, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const { payload } = request.body
      return createIdempotently(app.db, request, reply, (trx) =>
        checkInByCard(trx, viewer, { eventId: id, payload, secret: app.config.jwtSecret }, app.now()),
      )
    },
  )
}

export default eventCheckins
