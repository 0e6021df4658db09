import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listRules } from '../../domain/points/repository'
import { PointsRuleList } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const points: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rules',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['points'],
        summary: '积分规则:每条规则的分值、每日上限与是否同一对象只计一次',
        security: bearerAuth,
        response: { 200: PointsRuleList, ...errorResponses(401) },
      },
    },
    async () => listRules(app.db),
  )
}

export default points
