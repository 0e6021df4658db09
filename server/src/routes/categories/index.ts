import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CATEGORY_NAMES, Category, type CategoryCode } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const CATEGORIES: Category[] = (Object.keys(CATEGORY_NAMES) as CategoryCode[]).map((code) => ({
  code,
  name: CATEGORY_NAMES[code],
}))

const categories: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '活动类别(红色路演、青创沙龙、创业辅导、公益创投、授牌仪式、其他)',
        security: bearerAuth,
        response: { 200: Type.Array(Category), ...errorResponses(401) },
      },
    },
    async () => CATEGORIES,
  )
}

export default categories
