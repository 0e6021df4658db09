import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decodeHistoryCursor, myPoints } from '../../domain/points/repository'
import { validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import { MyPoints, MyPointsQuery } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

/** `GET /api/me/points`, mounted inside the /api/me routes. */
const myPointsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/points',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['points'],
        summary: '我的学习积分:总分、今日得分与积分明细(最新的在前)',
        description: '总分始终等于积分明细之和;今日按北京时间计算。只能查看本人积分,没有排行榜。',
        security: bearerAuth,
        querystring: MyPointsQuery,
        response: { 200: MyPoints, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query
      const after = cursor === undefined ? null : decodeHistoryCursor(cursor)
      if (cursor !== undefined && after === null)
        throw validationFailed('query/cursor 无效,请从第一页重新加载')
      return myPoints(app.db, currentViewer(request).id, { limit, after }, app.now())
    },
  )
}

export default myPointsRoutes
