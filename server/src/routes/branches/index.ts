import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createBranch, updateBranch } from '../../domain/organisation/branches'
import { listBranchDetails } from '../../domain/organisation/repository'
import { notFound } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import { Branch, BranchCreateBody, BranchList, BranchPatchBody, IdParams } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const branches: FastifyPluginAsyncTypebox = async (app) => {
  const reload = async (id: number) => {
    const [branch] = await listBranchDetails(app.db, [id])
    if (!branch) throw notFound('党支部不存在')
    return branch
  }

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['branches'],
        summary: '园区各党支部及其覆盖的企业(供发布通知、组织活动时选择对象,以及申请入支部时选择)',
        security: bearerAuth,
        response: { 200: BranchList, ...errorResponses(401) },
      },
    },
    async () => ({ items: await listBranchDetails(app.db), nextCursor: null }),
  )

  app.post(
    '',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['organisation'],
        summary: '建立党支部(园区管理员):单独建立(一家企业)或联合党支部(多家企业)',
        security: bearerAuth,
        body: BranchCreateBody,
        response: { 201: Branch, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db.transaction().execute((trx) => createBranch(trx, viewer, request.body, now))
      return reply.status(201).send(await reload(id))
    },
  )

  app.patch(
    '/:id',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['organisation'],
        summary: '修改党支部(园区管理员):名称、覆盖的企业、支部书记',
        description: '`secretaryId` 使该成员成为本支部唯一的支部书记(原书记不再担任);`null` 为暂无书记。',
        security: bearerAuth,
        params: IdParams,
        body: BranchPatchBody,
        response: { 200: Branch, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => updateBranch(trx, viewer, id, request.body, app.now()))
      return reload(id)
    },
  )
}

export default branches
