import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { claimHealthPackage } from '../../domain/health-packages/claim'
import { createHealthPackage, redeemPickupCode } from '../../domain/health-packages/organise'
import { listClaims, listHealthPackages } from '../../domain/health-packages/repository'
import { currentViewer } from '../../plugins/auth'
import {
  ClaimResult,
  HealthPackage,
  HealthPackageCreate,
  HealthPackageList,
  IdempotencyHeaders,
  IdParams,
  PackageClaimList,
  RedeemBody,
  RedeemResult,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { createIdempotently } from '../idempotent'

const healthPackages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['health-packages'],
        summary: '健康大礼包批次列表(含剩余数量、领取时间、是否有资格及我的领取)',
        description: '仅园区企业党员CEO有资格领取;无资格时 `eligible` 为 false,`ineligibleReason` 说明原因。',
        security: bearerAuth,
        response: { 200: HealthPackageList, ...errorResponses(401) },
      },
    },
    async (request) => ({
      items: await listHealthPackages(app.db, currentViewer(request), app.now()),
      nextCursor: null,
    }),
  )

  app.post(
    '',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['health-packages'],
        summary: '新建健康大礼包批次(园区管理员)',
        security: bearerAuth,
        body: HealthPackageCreate,
        response: { 201: HealthPackage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const created = await app.db
        .transaction()
        .execute((trx) => createHealthPackage(trx, viewer, request.body, now))
      return reply.status(201).send(created)
    },
  )

  app.post(
    '/:id/claim',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['health-packages'],
        summary: '领取健康大礼包:每人限领一份,先到先得,领取后获得取件码',
        description:
          '带 `Idempotency-Key` 请求头时,同一键的重试返回首次结果(包括 410 等失败结果)且不会重复领取。',
        security: bearerAuth,
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 201: ClaimResult, ...errorResponses(400, 401, 403, 404, 409, 410, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      return createIdempotently(app.db, request, reply, (trx) =>
        claimHealthPackage(trx, viewer, id, app.now()),
      )
    },
  )

  app.post(
    '/redeem',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['health-packages'],
        summary: '核销取件码(园区管理员):每个取件码只能核销一次,不区分大小写',
        security: bearerAuth,
        body: RedeemBody,
        response: { 200: RedeemResult, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const now = app.now()
      return app.db.transaction().execute((trx) => redeemPickupCode(trx, viewer, request.body.code, now))
    },
  )

  app.get(
    '/:id/claims',
    {
      onRequest: app.requireRole('park_admin'),
      schema: {
        tags: ['health-packages'],
        summary: '领取与核销记录(园区管理员)',
        security: bearerAuth,
        params: IdParams,
        response: { 200: PackageClaimList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await listClaims(app.db, request.params.id), nextCursor: null }),
  )
}

export default healthPackages
