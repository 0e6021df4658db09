import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { currentMonth } from '../../domain/points/branch-stats'
import { parkStats } from '../../domain/stats/park-stats'
import { validationFailed } from '../../errors'
import { ParkStats, StatsMonthQuery } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const parkStatsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['stats'],
        summary: '园区数据:党组织与党的工作覆盖率、成员、发展党员、活动培训、帮帮团、积分(仅汇总)',
        description:
          '覆盖率只计运营中企业:组织覆盖 = 单独或联合建立党组织的企业 ÷ 运营企业;工作覆盖 = 有党组织或党建工作指导员的企业 ÷ 运营企业。' +
          '`month` 为北京时间的月份(如 2026-11),默认本月,不能晚于本月;`trend` 为截至该月的 12 个月。',
        security: bearerAuth,
        querystring: StatsMonthQuery,
        response: { 200: ParkStats, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const thisMonth = currentMonth(app.now())
      const month = request.query.month ?? thisMonth
      // Months compare as text (`YYYY-MM`); a month to come has no figures yet.
      if (month > thisMonth) throw validationFailed('query/month 不能晚于本月')
      return parkStats(app.db, month, app.now())
    },
  )
}

export default parkStatsRoutes
