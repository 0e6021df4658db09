import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { enrol } from '../../domain/courses/enrol'
import { decodeCourseCursor } from '../../domain/courses/mapper'
import { createCourse } from '../../domain/courses/organise'
import { courseNotFound, findVisibleCourse, listCourses } from '../../domain/courses/repository'
import { isOrganiser, type Viewer } from '../../domain/access'
import { forbidden, validationFailed } from '../../errors'
import { currentViewer } from '../../plugins/auth'
import { CourseCreate, CourseDetail, CourseListQuery, CoursePage, EnrolResult, IdParams } from '../../schemas'
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
        description: '每个场次的结束时间须晚于开始时间且晚于当前时间;`kind` 默认为 training(党务培训)。',
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
}

export default courses
