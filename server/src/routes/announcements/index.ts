import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decodeFeedCursor } from '../../domain/announcements/mapper'
import { publishTarget } from '../../domain/announcements/publish'
import {
  noticeReaders,
  remindUnread,
  updateNotice,
  withdrawNotice,
} from '../../domain/announcements/organise'
import {
  countUnread,
  createAnnouncement,
  findVisibleAnnouncement,
  listAnnouncements,
  missingNotice,
} from '../../domain/announcements/repository'
import { isOrganiser, type Viewer } from '../../domain/access'
import { requiredText } from '../../domain/input'
import { readNotice } from '../../domain/points/notices'
import { forbidden, validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import {
  AnnouncementCreate,
  AnnouncementDetail,
  AnnouncementListQuery,
  AnnouncementPage,
  AnnouncementPatch,
  AnnouncementReaders,
  AnnouncementReading,
  IdParams,
  ReminderSent,
  UnreadCount,
  Withdrawn,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const announcements: FastifyPluginAsyncTypebox = async (app) => {
  const reload = async (viewer: Viewer, id: number) => {
    const notice = await findVisibleAnnouncement(app.db, viewer, id)
    if (!notice) throw await missingNotice(app.db, viewer, id)
    return notice
  }

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '通知列表:置顶在前,其余按发布时间倒序;仅园区通知与本支部通知',
        description:
          '`managed=1`:我管理的通知(支部书记:本支部;园区管理员:全部),非组织者 403。已撤回的通知不在任何列表中。',
        security: bearerAuth,
        querystring: AnnouncementListQuery,
        response: { 200: AnnouncementPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 20, cursor, managed } = request.query
      const after = cursor === undefined ? null : decodeFeedCursor(cursor)
      if (cursor !== undefined && after === null)
        throw validationFailed('query/cursor 无效,请从第一页重新加载')
      const viewer = currentViewer(request)
      if (managed === '1' && !isOrganiser(viewer)) throw forbidden('只有支部书记或园区管理员可以管理通知')
      return listAnnouncements(app.db, viewer, { limit, after, managed: managed === '1' })
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
        description:
          '其他支部的通知与不存在的通知一样返回 404 NOT_FOUND;已撤回的通知返回 404 NOTICE_WITHDRAWN(该通知已撤回)。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: AnnouncementReading, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const announcement = await reload(viewer, request.params.id)
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

  app.patch(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '修改通知(组织者):标题、正文或置顶',
        description:
          '通知所在支部的书记或园区管理员(园区通知仅园区管理员)。修改标题或正文后读者看到“已编辑”及时间;置顶不算编辑。',
        security: bearerAuth,
        params: IdParams,
        body: AnnouncementPatch,
        response: { 200: AnnouncementDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      await app.db.transaction().execute((trx) => updateNotice(trx, viewer, id, request.body, now))
      return reload(viewer, id)
    },
  )

  app.delete(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '撤回通知(组织者):从所有列表中移除,原链接显示“该通知已撤回”',
        description: '撤回后详情、阅读情况与再次撤回均返回 404 NOTICE_WITHDRAWN。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: Withdrawn, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      const withdrawnAt = await app.db.transaction().execute((trx) => withdrawNotice(trx, viewer, id, now))
      return { id, withdrawnAt }
    },
  )

  app.get(
    '/:id/readers',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '阅读情况(组织者):已读成员及阅读时间、未读成员,园区通知按支部统计',
        description: '范围为通知的读者:支部通知为该支部成员,园区通知为各支部成员。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: AnnouncementReaders, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return noticeReaders(app.db, currentViewer(request), request.params.id)
    },
  )

  app.post(
    '/:id/remind',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['announcements'],
        summary: '提醒未读(组织者):给尚未阅读的成员发送站内提醒',
        description: '每条通知每小时最多提醒一次,否则 409 REMINDED_RECENTLY。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: ReminderSent, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      return app.db.transaction().execute((trx) => remindUnread(trx, viewer, id, now))
    },
  )
}

export default announcements
