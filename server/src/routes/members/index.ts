import {
  Type,
  type FastifyPluginAsyncTypebox,
  type TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox'
import type { Viewer } from '../../domain/access'
import { attachment } from '../../domain/csv'
import { decodeCsv, importRoster, rosterCsv } from '../../domain/organisation/import'
import { createInvite } from '../../domain/organisation/invites'
import { toMember } from '../../domain/organisation/mapper'
import { createMember, updateMember } from '../../domain/organisation/members'
import { findManagedMember, listAllMembers, listMembers } from '../../domain/organisation/repository'
import { forbidden, notFound, validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import {
  IdParams,
  ImportQuery,
  ImportResult,
  Invite,
  LIMITS,
  Member,
  MemberCreateBody,
  MemberListQuery,
  MemberPage,
  MemberPatchBody,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { idFromCursor } from '../organisation-cursor'

const members: FastifyPluginAsyncTypebox = async (app) => {
  const organisers = app.requireRole('secretary', 'park_admin')

  const reload = async (viewer: Viewer, id: number) => {
    const row = await findManagedMember(app.db, viewer, id)
    if (!row) throw notFound('成员不存在')
    return toMember(row, viewer)
  }

  app.get(
    '',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '花名册:支部书记看本支部,园区管理员看全部;?format=csv 导出(与导入同列)',
        description:
          '`q` 按姓名或手机号查找;`active=0` 列出已离开园区的成员。手机号仅园区管理员与成员所在支部的书记可见全号,其余显示为 138****5678。',
        security: bearerAuth,
        querystring: MemberListQuery,
        response: {
          200: {
            description: '花名册',
            content: {
              'application/json': { schema: MemberPage },
              'text/csv': { schema: Type.String({ description: 'UTF-8(带 BOM)CSV' }) },
            },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { branchId, q, politicalStatus, active, format, limit = 20, cursor } = request.query
      if (branchId !== undefined && !viewer.parkAdmin && branchId !== viewer.branchId) {
        throw forbidden('只能查看本支部的花名册')
      }
      const filter = { branchId, q: q?.trim() || undefined, politicalStatus, active }
      if (format === 'csv') {
        const rows = await listAllMembers(app.db, viewer, filter)
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment('花名册.csv', 'roster.csv'))
          .send(rosterCsv(rows))
      }
      return reply.send(
        await listMembers(app.db, viewer, { ...filter, limit, afterId: idFromCursor(cursor) }),
      )
    },
  )

  app.get(
    '/:id',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '花名册中的一位成员',
        security: bearerAuth,
        params: IdParams,
        response: { 200: Member, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => reload(currentViewer(request), request.params.id),
  )

  app.post(
    '',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '添加成员:支部书记仅限本支部;支部默认为该企业所属支部',
        security: bearerAuth,
        body: MemberCreateBody,
        response: { 201: Member, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db.transaction().execute((trx) => createMember(trx, viewer, request.body, now))
      return reply.status(201).send(await reload(viewer, id))
    },
  )

  app.patch(
    '/:id',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '修改成员:角色与组织关系转接仅限园区管理员;active=false 即离开园区,其登录立即失效',
        security: bearerAuth,
        params: IdParams,
        body: MemberPatchBody,
        response: { 200: Member, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => updateMember(trx, viewer, id, request.body, app.now()))
      // A park admin may have moved the member out of a secretary's sight: answer what they still see.
      const row = await findManagedMember(app.db, { ...viewer, parkAdmin: true }, id)
      if (!row) throw notFound('成员不存在')
      return toMember(row, viewer)
    },
  )

  // The import alone reads CSV: the roster file as Excel and WPS save it, as bytes so its
  // encoding can be checked. Every other route keeps refusing anything but JSON.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>()
    scope.addContentTypeParser(
      ['text/csv', 'application/csv', 'application/vnd.ms-excel'],
      { parseAs: 'buffer', bodyLimit: LIMITS.importBytes },
      (_request, body, done) => done(null, body),
    )
    scope.post(
      '/import',
      {
        onRequest: app.requireRole('secretary', 'park_admin'),
        schema: {
          tags: ['organisation'],
          summary:
            '导入花名册 CSV(text/csv,UTF-8,可带 BOM):表头 姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期',
          description:
            '以手机号为准:已有的更新,新的添加。`dryRun=1` 只检查不写入;任何一行有错则全部不写入,errors 逐行说明。重复导入同一文件不会改变任何内容。',
          security: bearerAuth,
          querystring: ImportQuery,
          response: { 200: ImportResult, ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
      },
      async (request) => {
        const viewer = currentViewer(request)
        const body: unknown = request.body
        if (!Buffer.isBuffer(body)) throw validationFailed('body 应为 CSV 文件(Content-Type: text/csv)')
        const text = decodeCsv(body)
        const dryRun = request.query.dryRun === '1'
        const now = app.now()
        return app.db.transaction().execute((trx) => importRoster(trx, viewer, text, { dryRun }, now))
      },
    )
  })

  app.post(
    '/:id/invite',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '生成邀请码:8 位、一次有效、7 天内有效(二维码内容即邀请码)',
        description: '同一成员的旧邀请码随即失效;已绑定微信的成员 409 ALREADY_BOUND。',
        security: bearerAuth,
        params: IdParams,
        response: { 201: Invite, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const invite = await app.db
        .transaction()
        .execute((trx) => createInvite(trx, viewer, request.params.id, now))
      return reply.status(201).send(invite)
    },
  )
}

export default members
