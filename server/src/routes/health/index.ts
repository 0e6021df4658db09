import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { AppError } from '../../errors'
import { errorResponses } from '../../schemas/http'

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['health'],
        summary: '运行状态',
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorResponses(503) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(app.db)
      } catch (error) {
        throw new AppError(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用,请稍后再试', { cause: error })
      }
      return { status: 'ok' as const }
    },
  )
}

export default health
