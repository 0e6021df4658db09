import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import type { Viewer } from '../../domain/access'
import { getHelpRequest, listHelpRequests, listHelpers } from '../../domain/help-requests/repository'
import {
  assignHelpRequest,
  changeHelpRequestStatus,
  createHelpRequest,
  rateHelpRequest,
  replyToHelpRequest,
} from '../../domain/help-requests/write'
import { addPhoto, photoTooLarge, removePhoto, unsupportedPhoto } from '../../domain/help-requests/photos'
import { currentViewer } from '../../plugins/auth'
import {
  HELP_PHOTO_TYPES,
  HelpAssignBody,
  HelpPhotoCreated,
  HelpPhotoParams,
  HelpRatingBody,
  HelpReplyBody,
  HelpRequestCreateBody,
  HelpRequestCreated,
  HelpRequestDetail,
  HelpRequestListQuery,
  HelpRequestPage,
  HelpStatusBody,
  HelperList,
  IdParams,
  LIMITS,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const tags = ['help-requests']

const helpRequests: FastifyPluginAsyncTypebox = async (app) => {
  /** Runs one change in its own transaction and answers the request as the viewer now sees it. */
  async function change(
    viewer: Viewer,
    id: number,
    write: (trx: Transaction<Database>, now: Date) => Promise<unknown>,
  ) {
    const now = app.now()
    await app.db.transaction().execute((trx) => write(trx, now))
    return getHelpRequest(app.db, viewer, id, now, app.config.jwtSecret)
  }

  app.post(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '提交求助（花名册成员，以所在企业名义）；有党组织的企业走红色服务通道（priority: high）',
        security: bearerAuth,
        body: HelpRequestCreateBody,
        response: { 201: HelpRequestCreated, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const created = await app.db
        .transaction()
        .execute((trx) => createHelpRequest(trx, viewer, request.body, now))
      return reply.status(201).send(created)
    },
  )

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '求助列表：红色服务通道在前，新的在前；成员只看自己的，帮帮团成员和园区管理员看全部',
        security: bearerAuth,
        querystring: HelpRequestListQuery,
        response: { 200: HelpRequestPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => listHelpRequests(app.db, currentViewer(request), request.query, app.now()),
  )

  app.get(
    '/helpers',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '可分派的红e帮帮团成员及其手上未办结的求助数（园区管理员）',
        security: bearerAuth,
        response: { 200: HelperList, ...errorResponses(401, 403) },
      },
    },
    async (request) => listHelpers(app.db, currentViewer(request)),
  )

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '求助详情：回复、全部变更记录、评价、响应时限，以及当前用户可做的操作（actions）',
        security: bearerAuth,
        params: IdParams,
        response: { 200: HelpRequestDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      getHelpRequest(app.db, currentViewer(request), request.params.id, app.now(), app.config.jwtSecret),
  )

  app.post(
    '/:id/assign',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '分派给帮帮团成员（园区管理员）；该成员会收到消息',
        security: bearerAuth,
        params: IdParams,
        body: HelpAssignBody,
        response: { 200: HelpRequestDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      return change(viewer, id, (trx, now) => assignHelpRequest(trx, viewer, id, request.body, now))
    },
  )

  app.post(
    '/:id/replies',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '回复（求助人、负责的帮帮团成员、园区管理员）',
        security: bearerAuth,
        params: IdParams,
        body: HelpReplyBody,
        response: { 201: HelpRequestDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const detail = await change(viewer, id, (trx, now) =>
        replyToHelpRequest(trx, viewer, id, request.body, now),
      )
      return reply.status(201).send(detail)
    },
  )

  app.post(
    '/:id/status',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '变更状态：处理中、已解决、已关闭、重新打开（负责人、园区管理员；求助人可关闭和重新打开）',
        security: bearerAuth,
        params: IdParams,
        body: HelpStatusBody,
        response: { 200: HelpRequestDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      return change(viewer, id, (trx, now) => changeHelpRequestStatus(trx, viewer, id, request.body, now))
    },
  )

  app.post(
    '/:id/rating',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '评价（求助人，解决后一次）：1–5 星和留言',
        security: bearerAuth,
        params: IdParams,
        body: HelpRatingBody,
        response: { 201: HelpRequestDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const detail = await change(viewer, id, (trx, now) =>
        rateHelpRequest(trx, viewer, id, request.body, now),
      )
      return reply.status(201).send(detail)
    },
  )

  // Photos arrive as the image itself (Content-Type: image/jpeg, image/png or image/webp), read
  // as bytes up to the limit; only this route takes them.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>()
    scope.addContentTypeParser(
      [...HELP_PHOTO_TYPES],
      { parseAs: 'buffer', bodyLimit: LIMITS.helpPhotoBytes },
      (_request, body, done) => done(null, body),
    )
    // The framework's own 413 and 415 (too large a body, an unknown content type) in photo words.
    scope.setErrorHandler((error: { code?: string; statusCode?: number }) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) throw photoTooLarge()
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
        throw unsupportedPhoto()
      throw error
    })
    scope.post(
      '/:id/photos',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary:
            '添加照片（求助人，关闭前）：请求体即图片（image/jpeg、image/png、image/webp），每张不超过 2MB，最多 6 张',
          description:
            '413 PHOTO_TOO_LARGE；415 UNSUPPORTED_PHOTO（格式不支持，或内容不是所标的图片）；409 TOO_MANY_PHOTOS；已关闭 422 BAD_TRANSITION。',
          security: bearerAuth,
          params: IdParams,
          response: { 201: HelpPhotoCreated, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const viewer = currentViewer(request)
        const body: unknown = request.body
        if (!Buffer.isBuffer(body)) throw unsupportedPhoto()
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
        const now = app.now()
        const created = await app.db
          .transaction()
          .execute((trx) =>
            addPhoto(trx, viewer, request.params.id, { type, bytes: body }, app.config.jwtSecret, now),
          )
        return reply.status(201).send(created)
      },
    )
  })

  app.delete(
    '/:id/photos/:photoId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: '删除照片（求助人，关闭前）；记入办理记录',
        security: bearerAuth,
        params: HelpPhotoParams,
        response: { 200: HelpRequestDetail, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id, photoId } = request.params
      return change(viewer, id, (trx, now) => removePhoto(trx, viewer, id, photoId, now))
    },
  )
}

export default helpRequests
