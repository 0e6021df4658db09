import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createCompany, updateCompany } from '../../domain/organisation/companies'
import { findCompany, listCompanies } from '../../domain/organisation/repository'
import { notFound } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import {
  Company,
  CompanyCreateBody,
  CompanyListQuery,
  CompanyPage,
  CompanyPatchBody,
  IdParams,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { idFromCursor } from '../organisation-cursor'

const companies: FastifyPluginAsyncTypebox = async (app) => {
  const reload = async (id: number) => {
    const company = await findCompany(app.db, id)
    if (!company) throw notFound('企业不存在')
    return company
  }

  app.get(
    '',
    {
      onRequest: app.requireRole('secretary', 'park_admin'),
      schema: {
        tags: ['organisation'],
        summary: '企业列表:园区管理员看全部,支部书记看本支部覆盖的企业',
        security: bearerAuth,
        querystring: CompanyListQuery,
        response: { 200: CompanyPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, status, limit = 20, cursor } = request.query
      const afterId = idFromCursor(cursor)
      return listCompanies(app.db, currentViewer(request), {
        q: q?.trim() || undefined,
        status,
        limit,
        afterId,
      })
    },
  )

  app.post(
    '',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['organisation'],
        summary: '添加企业(园区管理员)',
        description: '党组织(partyOrg)由覆盖该企业的党支部决定:单独建立、联合党支部或未建立。',
        security: bearerAuth,
        body: CompanyCreateBody,
        response: { 201: Company, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db.transaction().execute((trx) => createCompany(trx, viewer, request.body, now))
      return reply.status(201).send(await reload(id))
    },
  )

  app.patch(
    '/:id',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['organisation'],
        summary: '修改企业(园区管理员):名称、行业、经营状态、党建工作指导员',
        security: bearerAuth,
        params: IdParams,
        body: CompanyPatchBody,
        response: { 200: Company, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => updateCompany(trx, viewer, id, request.body, app.now()))
      return reload(id)
    },
  )
}

export default companies
