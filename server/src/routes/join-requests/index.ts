import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Viewer } from '../../domain/access'
import { toJoinRequest } from '../../domain/organisation/mapper'
import {
  approveJoinRequest,
  createJoinRequest,
  rejectJoinRequest,
} from '../../domain/organisation/join-requests'
import { listJoinRequests, selectJoinRequests } from '../../domain/organisation/repository'
import { forbidden, notFound } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import {
  IdParams,
  JoinRejectBody,
  JoinRequest,
  JoinRequestCreateBody,
  JoinRequestListQuery,
  JoinRequestPage,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { idFromCursor } from '../organisation-cursor'

const joinRequests: FastifyPluginAsyncTypebox = async (app) => {
  const organisers = app.requireRole('secretary', 'park_admin')

  const reload = async (viewer: Viewer, id: number) => {
    const row = await selectJoinRequests(app.db).where('j.id', '=', id).executeTakeFirst()
    if (!row) throw notFound('申请不存在')
    return toJoinRequest(row, viewer)
  }

  app.post(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['organisation'],
        summary: '申请加入党支部(尚未在花名册中的微信用户)',
        description:
          '每人同时只能有一份待审核的申请(409 ALREADY_PENDING);手机号已在花名册中 409 PHONE_TAKEN。',
        security: bearerAuth,
        body: JoinRequestCreateBody,
        response: { 201: JoinRequest, ...errorResponses(400, 401, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db
        .transaction()
        .execute((trx) => createJoinRequest(trx, viewer, request.body, now))
      return reply.status(201).send(await reload(viewer, id))
    },
  )

  app.get(
    '',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '入支部申请:支部书记看本支部,园区管理员看全部,最新的在前',
        security: bearerAuth,
        querystring: JoinRequestListQuery,
        response: { 200: JoinRequestPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { status, branchId, limit = 20, cursor } = request.query
      if (branchId !== undefined && !viewer.parkAdmin && branchId !== viewer.branchId) {
        throw forbidden('只能查看本支部的申请')
      }
      return listJoinRequests(app.db, viewer, { status, branchId, limit, beforeId: idFromCursor(cursor) })
    },
  )

  app.post(
    '/:id/approve',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '同意入支部申请:申请人按所填信息加入花名册,并绑定其微信账号',
        security: bearerAuth,
        params: IdParams,
        response: { 200: JoinRequest, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => approveJoinRequest(trx, viewer, id, app.now()))
      return reload(viewer, id)
    },
  )

  app.post(
    '/:id/reject',
    {
      onRequest: organisers,
      schema: {
        tags: ['organisation'],
        summary: '拒绝入支部申请,并说明理由(申请人可见)',
        security: bearerAuth,
        params: IdParams,
        body: JoinRejectBody,
        response: { 200: JoinRequest, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db
        .transaction()
        .execute((trx) => rejectJoinRequest(trx, viewer, id, request.body.reason, app.now()))
      return reload(viewer, id)
    },
  )
}

export default joinRequests
