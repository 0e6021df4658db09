import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decodeFeedCursor } from '../../domain/announcements/mapper'
import { publishTarget } from '../../domain/announcements/publish'
import {
  countUnread,
  createAnnouncement,
  findVisibleAnnouncement,
  listAnnouncements,
} from '../../domain/announcements/repository'
import { requiredText } from '../../domain/input'
import { readNotice } from '../../domain/points/notices'
import { notFound, validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import {
  AnnouncementCreate,
  AnnouncementDetail,
  AnnouncementListQuery,
  AnnouncementPage,
  AnnouncementReading,
  IdParams,
  UnreadCount,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const announcements: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '通知列表:置顶在前,其余按发布时间倒序;仅园区通知与本支部通知',
        security: bearerAuth,
        querystring: AnnouncementListQuery,
        response: { 200: AnnouncementPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query
      const after = cursor === undefined ? null : decodeFeedCursor(cursor)
      if (cursor !== undefined && after === null)
        throw validationFailed('query/cursor 无效,请从第一页重新加载')
      return listAnnouncements(app.db, currentViewer(request), { limit, after })
    },
  )

  app.get(
    '/unread-count',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '未读通知数(角标)',
        security: bearerAuth,
        response: { 200: UnreadCount, ...errorResponses(401) },
      },
    },
    async (request) => ({ count: await countUnread(app.db, currentViewer(request)) }),
  )

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '通知详情(同时标记为已读,首次阅读计入学习积分)',
        description: '其他支部的通知与不存在的通知一样返回 404。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: AnnouncementReading, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const announcement = await findVisibleAnnouncement(app.db, viewer, request.params.id)
      if (!announcement) throw notFound('通知不存在或无权查看')
      // The first read earns read_notice (once per notice, capped per day).
      const pointsAwarded = announcement.read
        ? 0
        : await app.db.transaction().execute((trx) => readNotice(trx, announcement.id, viewer.id, app.now()))
      return { ...announcement, read: true, pointsAwarded }
    },
  )

  app.post(
    '',
    {
      onRequest: app.requireRole('secretary', 'park_admin'),
      schema: {
        tags: ['announcements'],
        summary: '发布通知:支部书记仅限本支部,园区管理员可发布园区或任一支部通知',
        security: bearerAuth,
        body: AnnouncementCreate,
        response: { 201: AnnouncementDetail, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { scope, branchId, pinned = false, important = false } = request.body
      const title = requiredText(request.body.title, 'title')
      const body = requiredText(request.body.body, 'body')
      const target = await publishTarget(app.db, viewer, { scope, branchId })
      const now = app.now()
      const id = await app.db
        .transaction()
        .execute((trx) =>
          createAnnouncement(trx, { title, body, pinned, important, authorId: viewer.id, ...target }, now),
        )
      const created = await findVisibleAnnouncement(app.db, viewer, id)
      if (!created) throw new Error(`announcement ${id} vanished after insert`)
      return reply.status(201).send(created)
    },
  )
}

export default announcements
