import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findVisibleMaterial } from '../../domain/courses/repository'
import { notFound } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import { IdParams, Material } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

/** Study materials, mounted at /api/materials: an article of a course the member may see. */
const materials: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '学习资料全文',
        description: '仅限可查看其所属课程的成员;其他支部课程的资料返回 404。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: Material, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const material = await findVisibleMaterial(app.db, currentViewer(request), request.params.id)
      if (!material) throw notFound('学习资料不存在或无权查看')
      return material
    },
  )
}

export default materials
