import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { memberOfCard, toVerifiedCard } from '../../domain/cards/verify'
import { CardPayloadBody, VerifiedCard } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const cards: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/verify',
    {
      onRequest: app.requireRole('secretary', 'park_admin'),
      schema: {
        tags: ['cards'],
        summary: '核验数字党员名片(支部书记、园区管理员):扫码或粘贴二维码内容',
        description:
          '名片二维码被篡改或无法识别:422 CARD_INVALID;已过期:422 CARD_EXPIRED。只返回名片上的公开信息。',
        security: bearerAuth,
        body: CardPayloadBody,
        response: { 200: VerifiedCard, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request) =>
      toVerifiedCard(await memberOfCard(app.db, app.config.jwtSecret, request.body.payload, app.now())),
  )
}

export default cards
