import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { enrol } from '../../domain/courses/enrol'
import { decodeCourseCursor } from '../../domain/courses/mapper'
import { createMaterial } from '../../domain/courses/materials'
import { createCourse, updateCourse } from '../../domain/courses/organise'
import { addSession, addWeeklySessions } from '../../domain/courses/schedule'
import {
  courseNotFound,
  findVisibleCourse,
  findVisibleMaterial,
  listCourses,
  materialNotFound,
} from '../../domain/courses/repository'
import { isOrganiser, type Viewer } from '../../domain/access'
import { forbidden, validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import {
  CourseCreate,
  CourseDetail,
  CourseListQuery,
  CoursePage,
  CoursePatch,
  EnrolResult,
  IdParams,
  Material,
  MaterialCreate,
  Session,
  SessionCreate,
  SessionsCreated,
  WeeklyRule,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const courses: FastifyPluginAsyncTypebox = async (app) => {
  const reload = async (viewer: Viewer, id: number) => {
    const course = await findVisibleCourse(app.db, viewer, id, app.now())
    if (!course) throw courseNotFound()
    return course
  }

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '课程列表:进行中和即将开始的按首场时间正序在前,已结束的按结束时间倒序在后',
        description: '仅园区课程与本支部课程;`managed=1` 只列出我组织的课程(非组织者 403)。',
        security: bearerAuth,
        querystring: CourseListQuery,
        response: { 200: CoursePage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { managed, limit = 20, cursor } = request.query
      const after = cursor === undefined ? null : decodeCourseCursor(cursor)
      if (cursor !== undefined && after === null)
        throw validationFailed('query/cursor 无效,请从第一页重新加载')
      const viewer = currentViewer(request)
      if (managed === '1' && !isOrganiser(viewer)) throw forbidden('只有支部书记或园区管理员可以管理课程')
      const filter = managed === '1' ? 'managed' : 'visible'
      return listCourses(app.db, viewer, { limit, after, filter }, app.now())
    },
  )

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '课程详情:各场次(含我的出勤)与学习资料',
        description:
          '`myAttendance`:present 已签到 / late 迟到 / leave 请假;已报名成员在场次结束后仍无记录为 absent;其余为 null。其他支部的课程返回 404。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: CourseDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => reload(currentViewer(request), request.params.id),
  )

  app.post(
    '',
    {
      onRequest: app.requireRole('secretary', 'park_admin'),
      schema: {
        tags: ['courses'],
        summary: '创建课程及其场次:支部书记仅限本支部,园区管理员可创建园区课程或任一支部课程',
        description:
          '场次二选一:`sessions` 逐个列出,或 `recurrence` 按每周规则(如每周三 19:00,共 6 次)一次生成。' +
          '每个场次的结束时间须晚于开始时间且晚于当前时间;`kind` 默认为 training(党务培训);`enrolmentOpen` 默认开放报名。',
        security: bearerAuth,
        body: CourseCreate,
        response: { 201: CourseDetail, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db.transaction().execute((trx) => createCourse(trx, viewer, request.body, now))
      return reply.status(201).send(await reload(viewer, id))
    },
  )

  app.post(
    '/:id/enroll',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '报名课程',
        description:
          '名额已满返回 422 COURSE_FULL,已报名返回 409 ALREADY_ENROLLED,课程已结束返回 422 COURSE_ENDED。',
        security: bearerAuth,
        params: IdParams,
        response: { 201: EnrolResult, ...errorResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const result = await app.db.transaction().execute((trx) => enrol(trx, viewer, request.params.id, now))
      return reply.status(201).send(result)
    },
  )

  const sessionsOf = async (viewer: Viewer, courseId: number, ids: readonly number[]) => {
    const course = await reload(viewer, courseId)
    return course.sessions.filter((session) => ids.includes(session.id))
  }

  app.patch(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '修改课程(组织者):名称、介绍、名额、开放或暂停报名',
        description:
          '课程所在支部书记或园区管理员(园区课程仅园区管理员);名额不能少于已报名人数(422 CAPACITY_BELOW_ENROLLED)。',
        security: bearerAuth,
        params: IdParams,
        body: CoursePatch,
        response: { 200: CourseDetail, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => updateCourse(trx, viewer, id, request.body))
      return reload(viewer, id)
    },
  )

  app.post(
    '/:id/sessions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '添加一个场次(组织者)',
        description: '结束时间须晚于开始时间且晚于当前时间。',
        security: bearerAuth,
        params: IdParams,
        body: SessionCreate,
        response: { 201: Session, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      const sessionId = await app.db
        .transaction()
        .execute((trx) => addSession(trx, viewer, id, request.body, now))
      const [created] = await sessionsOf(viewer, id, [sessionId])
      return reply.status(201).send(created)
    },
  )

  app.post(
    '/:id/sessions/weekly',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '按每周规则一次添加多个场次(组织者):如每周三 19:00,共 6 次',
        description:
          '第一次课为 `from`(园区日期)当天或之后的第一个 `weekday`,此后每 7 天一次,全部在一个事务中创建;第一次课的开始时间不能已过。',
        security: bearerAuth,
        params: IdParams,
        body: WeeklyRule,
        response: { 201: SessionsCreated, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      const ids = await app.db
        .transaction()
        .execute((trx) => addWeeklySessions(trx, viewer, id, request.body, now))
      return reply.status(201).send({ items: await sessionsOf(viewer, id, ids) })
    },
  )

  app.post(
    '/:id/materials',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '添加学习资料(组织者):标题与正文,阅读时长按正文长度计算',
        description: '正文每行一段,以 # 开头的行为小标题。',
        security: bearerAuth,
        params: IdParams,
        body: MaterialCreate,
        response: { 201: Material, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const materialId = await app.db
        .transaction()
        .execute((trx) => createMaterial(trx, viewer, id, request.body))
      const material = await findVisibleMaterial(app.db, viewer, materialId)
      if (!material) throw materialNotFound()
      return reply.status(201).send(material)
    },
  )
}

export default courses
