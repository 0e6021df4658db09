import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CARD_REFRESH_MS, cardTitle, signCard } from '../../domain/cards/card'
import { toCardMember } from '../../domain/cards/verify'
import { currentUser } from '../../plugins/auth'
import { MemberCard } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

/** `GET /api/me/card`, mounted inside the /api/me routes. */
const myCard: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/card',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['cards'],
        summary: '我的数字党员名片:签名二维码内容(5 分钟有效)与名片信息',
        description: '`payload` 即二维码内容;请在 `refreshInMs` 毫秒后重新获取,过期的名片无法通过核验。',
        security: bearerAuth,
        response: { 200: MemberCard, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request)
      const card = signCard(app.config.jwtSecret, user.id, app.now())
      reply.header('cache-control', 'no-store')
      const member = toCardMember(user)
      return { ...card, refreshInMs: CARD_REFRESH_MS, member, title: cardTitle(member.politicalStatus) }
    },
  )
}

export default myCard
