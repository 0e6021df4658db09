import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listAudit } from '../../domain/organisation/repository'
import { AuditListQuery, AuditPage } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { idFromCursor } from '../organisation-cursor'

const auditLog: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['organisation'],
        summary: '组织变更记录(园区管理员):谁、何时、改了什么(改前 → 改后),最新的在前',
        security: bearerAuth,
        querystring: AuditListQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { entity, entityId, limit = 20, cursor } = request.query
      return listAudit(app.db, { entity, entityId, limit, beforeId: idFromCursor(cursor) })
    },
  )
}

export default auditLog
