import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decodeCourseCursor } from '../../domain/courses/mapper'
import { listMyCourses } from '../../domain/courses/repository'
import { decodeCursor, isId } from '../../domain/cursor'
import { decodeEventCursor } from '../../domain/events/mapper'
import { listMySignups } from '../../domain/events/repository'
import { listNotifications, markRead, unreadCount } from '../../domain/notifications/repository'
import { acceptSubscriptions, subscriptionTemplates } from '../../domain/notifications/subscriptions'
import { totalPoints } from '../../domain/points/repository'
import { bindAccount, notOnRoster } from '../../domain/organisation/bind'
import { alreadyBound, redeemInvite } from '../../domain/organisation/invites'
import { latestJoinRequestOf } from '../../domain/organisation/repository'
import { toMe } from '../../domain/users/mapper'
import { findUserById } from '../../domain/users/repository'
import { verifiedPhoneNumber } from '../../domain/wechat/phone-number'
import { meSummary } from '../../domain/users/summary'
import { validationFailed } from '../../errors'
import { currentUser, currentViewer } from '../../plugins/auth'
import {
  BindBody,
  CourseWithSessionsPage,
  LoginResult,
  Me,
  MeSummary,
  MyCoursesQuery,
  MySignupListQuery,
  MySignupPage,
  NotificationListQuery,
  NotificationPage,
  NotificationReadBody,
  NotificationReadResult,
  SubscriptionCreate,
  SubscriptionTemplates,
  UnreadCount,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import myCard from '../cards/me'
import myPoints from '../points/me'

const invalidCursor = () => validationFailed('query/cursor 无效,请从第一页重新加载')

const me: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(myPoints)
  await app.register(myCard)

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: '当前用户',
        security: bearerAuth,
        response: { 200: Me, ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = currentUser(request)
      const [points, joinRequest] = await Promise.all([
        totalPoints(app.db, user.id),
        user.roles.length > 0 ? null : latestJoinRequestOf(app.db, user.id),
      ])
      return toMe(user, points, joinRequest)
    },
  )

  app.post(
    '/bind',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['organisation'],
        summary: '完善信息:用邀请码或微信手机号快速验证,把当前微信账号绑定到花名册中的成员',
        description:
          '`phoneCode` 为手机号快速验证按钮给出的 code,服务器向微信换取手机号后与花名册匹配。答复新的登录凭证(此后即为该成员)。404 NOT_ON_ROSTER;409 ALREADY_BOUND;422 INVITE_INVALID、PHONE_CODE_INVALID;微信不可用 502 WECHAT_UNAVAILABLE,未配置 503 WECHAT_NOT_CONFIGURED。',
        security: bearerAuth,
        body: BindBody,
        response: { 200: LoginResult, ...errorResponses(400, 401, 404, 409, 422, 502, 503) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const now = app.now()
      if (viewer.onRoster) throw alreadyBound('你已在花名册中,无需再次绑定')
      const body = request.body
      let memberId: number
      if ('inviteCode' in body) {
        memberId = await app.db.transaction().execute(async (trx) => {
          const invite = await redeemInvite(trx, body.inviteCode, now)
          return bindAccount(trx, viewer, invite.memberId, 'invite', now)
        })
      } else {
        const phone = await verifiedPhoneNumber(app.db, app.config.wechat, body.phoneCode, now)
        memberId = await app.db.transaction().execute(async (trx) => {
          const member = await trx
            .selectFrom('users')
            .select('id')
            .where('phone', '=', phone)
            .where('active', '=', 1)
            .where('roles', '<>', '')
            .executeTakeFirst()
          if (!member) throw notOnRoster()
          return bindAccount(trx, viewer, member.id, 'phone', now)
        })
      }
      const user = await findUserById(app.db, memberId)
      if (!user) throw notOnRoster()
      return { token: app.issueToken(user.id), user: toMe(user, await totalPoints(app.db, user.id)) }
    },
  )

  app.get(
    '/summary',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: '“我的”页一览:积分(总分与今日)、报名与课程数、健康大礼包卡片、可用的管理工具',
        security: bearerAuth,
        response: { 200: MeSummary, ...errorResponses(401) },
      },
    },
    async (request) => meSummary(app.db, currentViewer(request), app.now()),
  )

  app.get(
    '/courses',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '我的课程:我报名的课程及每次课的出勤,进行中和即将开始的在前',
        security: bearerAuth,
        querystring: MyCoursesQuery,
        response: { 200: CourseWithSessionsPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query
      const after = cursor === undefined ? null : decodeCourseCursor(cursor)
      if (cursor !== undefined && after === null) throw invalidCursor()
      return listMyCourses(app.db, currentViewer(request), { limit, after }, app.now())
    },
  )

  app.get(
    '/signups',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '我的报名:报名成功与候补中的活动,即将开始的在前',
        security: bearerAuth,
        querystring: MySignupListQuery,
        response: { 200: MySignupPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query
      const after = cursor === undefined ? null : decodeEventCursor(cursor)
      if (cursor !== undefined && after === null) throw invalidCursor()
      return listMySignups(app.db, currentViewer(request), { limit, after }, app.now())
    },
  )

  app.get(
    '/notifications',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '我的消息:候补转正、活动取消或调整、活动与培训提醒、重要通知等,最新的在前',
        description: '`link` 是点按后打开的页面;`unreadCount` 是未读条数(角标)。',
        security: bearerAuth,
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query
      let beforeId: number | null = null
      if (cursor !== undefined) {
        const [id, ...rest] = decodeCursor(cursor) ?? []
        if (!isId(id) || rest.length > 0) throw invalidCursor()
        beforeId = id
      }
      return listNotifications(app.db, currentViewer(request).id, { limit, beforeId })
    },
  )

  app.get(
    '/notifications/unread-count',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '未读消息数(“我的”页与标签栏角标)',
        security: bearerAuth,
        response: { 200: UnreadCount, ...errorResponses(401) },
      },
    },
    async (request) => ({ count: await unreadCount(app.db, currentViewer(request).id) }),
  )

  app.post(
    '/notifications/read',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '标为已读:`{ ids }` 标记这些消息,`{ all: true }` 全部已读',
        description: '只会标记自己的消息;他人的或不存在的 id 不改变任何内容。',
        security: bearerAuth,
        body: NotificationReadBody,
        response: { 200: NotificationReadResult, ...errorResponses(400, 401) },
      },
    },
    async (request) => markRead(app.db, currentViewer(request).id, request.body, app.now()),
  )

  app.get(
    '/subscriptions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '可订阅的微信订阅消息模板,以及每个模板尚未用掉的次数',
        description: '未配置模板时为空列表:消息只在“我的 → 消息”中显示,小程序不请求订阅。',
        security: bearerAuth,
        response: { 200: SubscriptionTemplates, ...errorResponses(401) },
      },
    },
    async (request) => subscriptionTemplates(app.db, currentViewer(request).id, app.config.wechatTemplates),
  )

  app.post(
    '/subscriptions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '记录成员在 wx.requestSubscribeMessage 中同意的模板:每次同意可发送一条订阅消息',
        description:
          '只接受已配置的模板(422 UNKNOWN_TEMPLATE),且须用微信登录(422 WECHAT_NOT_BOUND)。每条消息用掉一次同意。',
        security: bearerAuth,
        body: SubscriptionCreate,
        response: { 201: SubscriptionTemplates, ...errorResponses(400, 401, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const result = await app.db
        .transaction()
        .execute((trx) =>
          acceptSubscriptions(trx, viewer.id, request.body.templateIds, app.config.wechatTemplates, now),
        )
      return reply.status(201).send(result)
    },
  )
}

export default me
