import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { closeReading, openReading } from '../../domain/points/reading'
import { currentViewer } from '../../plugins/auth'
import { IdParams, ReadingClosed, ReadingCloseBody, ReadingStarted } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

/** Reading time of a study material, timed by the server: open when the page shows, close when it hides. */
const materialReading: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:id/open',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['points'],
        summary: '开始阅读学习资料:服务器开始计时',
        description: '同一成员同时只计一份资料:仍在计时的上一份资料在此刻结束并结算。',
        security: bearerAuth,
        params: IdParams,
        response: { 201: ReadingStarted, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      return reply.status(201).send(await openReading(app.db, viewer, request.params.id, app.now()))
    },
  )

  app.post(
    '/:id/close',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['points'],
        summary: '结束阅读学习资料:按服务器计时每满 4 分钟 +1 积分',
        description:
          '时长以服务器记录的打开与结束时间为准,单次最多计 60 分钟;学习资料积分每天最多 8 分。' +
          '同一次阅读只能结束一次(再次结束:409 READING_CLOSED)。',
        security: bearerAuth,
        params: IdParams,
        body: ReadingCloseBody,
        response: { 200: ReadingClosed, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      return closeReading(
        app.db,
        viewer,
        { materialId: request.params.id, readingId: request.body.readingId },
        app.now(),
      )
    },
  )
}

export default materialReading
