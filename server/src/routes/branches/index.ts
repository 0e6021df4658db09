import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listBranchDetails } from '../../domain/organisation/repository'
import { BranchList } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const branches: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['branches'],
        summary: '园区各企业党支部(供发布通知、组织活动时选择对象)',
        security: bearerAuth,
        response: { 200: BranchList, ...errorResponses(401) },
      },
    },
    async () => ({ items: await listBranchDetails(app.db), nextCursor: null }),
  )
}

export default branches
