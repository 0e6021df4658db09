import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { deleteMaterial, updateMaterial } from '../../domain/courses/materials'
import { findVisibleMaterial, materialNotFound } from '../../domain/courses/repository'
import { currentViewer } from '../../plugins/auth'
import { Deleted, IdParams, Material, MaterialPatch } from '../../schemas'
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
      if (!material) throw materialNotFound()
      return material
    },
  )

  app.patch(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '修改学习资料(组织者):标题或正文,阅读时长随正文更新',
        security: bearerAuth,
        params: IdParams,
        body: MaterialPatch,
        response: { 200: Material, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => updateMaterial(trx, viewer, id, request.body))
      const material = await findVisibleMaterial(app.db, viewer, id)
      if (!material) throw materialNotFound()
      return material
    },
  )

  app.delete(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '删除学习资料(组织者)',
        description: '成员已记录的阅读时长与积分保留。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: Deleted, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => deleteMaterial(trx, viewer, id))
      return { id, deleted: true as const }
    },
  )
}

export default materials
