import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox'
import { attachment } from '../../domain/csv'
import { attendeesCsv } from '../../domain/events/attendees-csv'
import { decodeEventCursor } from '../../domain/events/mapper'
import { cancelEvent, createEvent, updateEvent } from '../../domain/events/organise'
import {
  eventListAnswers,
  eventNotFound,
  findManagedEvent,
  findVisibleEvent,
  listAttendees,
} from '../../domain/events/repository'
import { cancelSignup, signUp } from '../../domain/events/signup'
import { isOrganiser, type Viewer } from '../../domain/access'
import { forbidden, validationFailed } from '../../errors'
import { currentUser, currentViewer } from '../../plugins/auth'
import {
  AttendeeList,
  AttendeeQuery,
  CancelResult,
  EventCreate,
  EventDetail,
  EventListQuery,
  EventPage,
  EventPatch,
  IdempotencyHeaders,
  IdParams,
  SignupResult,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'
import { createIdempotently } from '../idempotent'
import doorCheckins from './checkins'

const events: FastifyPluginAsyncTypebox = async (app) => {
  // POST /:id/checkins: organisers check members in at the door by scanning their card
  await app.register(doorCheckins)

  /** The event as the viewer now sees it, after a write committed. */
  const reload = async (viewer: Viewer, id: number) => {
    const event = await findVisibleEvent(app.db, viewer, id, app.now())
    if (!event) throw eventNotFound()
    return event
  }

  // The list a member opens first and most: the same page is answered again without being rebuilt.
  const listAnswers = eventListAnswers<string>()

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '活动列表:即将开始的按时间正序,往期按时间倒序;仅园区活动与本支部活动',
        description: '`managed=1`:只列出我组织的活动(活动管理),非组织者 403。',
        security: bearerAuth,
        querystring: EventListQuery,
        response: { 200: EventPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { when = 'upcoming', category, managed, limit = 20, cursor } = request.query
      const after = cursor === undefined ? null : decodeEventCursor(cursor)
      if (cursor !== undefined && (after === null || after.part !== when)) {
        throw validationFailed('query/cursor 无效,请从第一页重新加载')
      }
      const viewer = currentViewer(request)
      if (managed === '1' && !isOrganiser(viewer)) throw forbidden('只有支部书记或园区管理员可以管理活动')
      const filter = { when, category, managed: managed === '1', limit, after }
      const body = await listAnswers(
        app.db,
        currentUser(request),
        viewer,
        filter,
        app.now(),
        (page) => reply.serialize(page) as string,
      )
      // Serialised by the route's own schema above: sent as the text it already is.
      return reply.type('application/json; charset=utf-8').send(body as unknown as Static<typeof EventPage>)
    },
  )

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '活动详情(含活动介绍、我的报名状态与是否可管理)',
        description: '其他支部的活动与不存在的活动一样返回 404。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: EventDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => reload(currentViewer(request), request.params.id),
  )

  app.post(
    '',
    {
      onRequest: app.requireRole('secretary', 'park_admin'),
      schema: {
        tags: ['events'],
        summary: '创建活动:支部书记仅限本支部,园区管理员可创建园区活动或任一支部活动',
        description:
          '报名截止默认为开始时间,取消截止默认为开始前 2 小时;结束须晚于开始,两个截止时间都不能晚于开始。',
        security: bearerAuth,
        body: EventCreate,
        response: { 201: EventDetail, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db.transaction().execute((trx) => createEvent(trx, viewer, request.body, now))
      return reply.status(201).send(await reload(viewer, id))
    },
  )

  app.patch(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '修改活动(组织者):增加名额时按候补顺序自动转正',
        description: '名额不能少于已报名成功人数(422 CAPACITY_BELOW_CONFIRMED);已取消的活动不能修改。',
        security: bearerAuth,
        params: IdParams,
        body: EventPatch,
        response: { 200: EventDetail, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => updateEvent(trx, viewer, id, request.body, app.now()))
      return reload(viewer, id)
    },
  )

  app.delete(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '取消活动(组织者):活动变为已取消,已报名和候补的成员会收到通知',
        security: bearerAuth,
        params: IdParams,
        response: { 200: EventDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => cancelEvent(trx, viewer, id, app.now()))
      return reload(viewer, id)
    },
  )

  app.post(
    '/:id/signup',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '报名活动:有名额即报名成功,满员则进入候补',
        description:
          '带 `Idempotency-Key` 请求头时,同一键的重试返回首次结果且不会重复报名;同一键用于其他请求返回 422 IDEMPOTENCY_KEY_REUSED。',
        security: bearerAuth,
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 201: SignupResult, ...errorResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      return createIdempotently(app.db, request, reply, (trx) => signUp(trx, viewer, id, app.now()))
    },
  )

  app.delete(
    '/:id/signup',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '取消报名:空出的名额自动由候补第一位递补',
        description:
          '报名成功者须在取消截止时间前取消(否则 422 CANCEL_DEADLINE_PASSED);候补者随时可以退出候补。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: CancelResult, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      return app.db.transaction().execute((trx) => cancelSignup(trx, viewer, id, app.now()))
    },
  )

  app.get(
    '/:id/attendees',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        summary: '报名名单(组织者):报名成功者在前,候补按位次在后;?format=csv 导出 Excel 可打开的 CSV',
        security: bearerAuth,
        params: IdParams,
        querystring: AttendeeQuery,
        response: {
          200: {
            description: '报名名单',
            content: {
              'application/json': { schema: AttendeeList },
              'text/csv': { schema: Type.String({ description: 'UTF-8(带 BOM)CSV' }) },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const event = await findManagedEvent(app.db, viewer, request.params.id)
      const attendees = await listAttendees(app.db, event.id)
      if (request.query.format !== 'csv') return reply.send({ items: attendees, nextCursor: null })
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachment(`${event.title}-报名名单.csv`, `event-${event.id}-attendees.csv`),
        )
        .send(attendeesCsv(attendees))
    },
  )
}

export default events
