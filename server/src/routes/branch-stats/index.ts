import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { branchStats, currentMonth, statsBranch } from '../../domain/points/branch-stats'
import { validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import { BranchStats, BranchStatsQuery } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const branchStatsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.requireRole('secretary', 'park_admin'),
      schema: {
        tags: ['points'],
        summary: '支部学习统计(仅汇总数据,不含个人排名)',
        description:
          '支部书记只能查看本支部(查看其他支部:403);园区管理员可用 `branchId` 查看任一支部,不带则为全园区。' +
          '`month` 为北京时间的月份(如 2026-11),默认本月;不能晚于本月。',
        security: bearerAuth,
        querystring: BranchStatsQuery,
        response: { 200: BranchStats, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { branchId, month } = request.query
      const thisMonth = currentMonth(app.now())
      // Months compare as text (`YYYY-MM`); a month to come has no figures yet.
      if (month !== undefined && month > thisMonth) throw validationFailed('query/month 不能晚于本月')
      const scope = await statsBranch(app.db, currentViewer(request), branchId)
      return branchStats(app.db, scope, month ?? thisMonth, app.now())
    },
  )
}

export default branchStatsRoutes
