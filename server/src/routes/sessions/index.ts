import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  checkinFeed,
  confirmAllPending,
  listAttendance,
  recordAttendance,
  undoAttendance,
} from '../../domain/checkins/attendance'
import { attendanceCsv } from '../../domain/checkins/attendance-csv'
import { deriveCodeKeys, issueCode } from '../../domain/checkins/code'
import { checkinClosed, checkinClosedReason } from '../../domain/checkins/rules'
import {
  findManagedSession,
  findVisibleSession,
  listSessions,
  sessionDetail,
  sessionNotFound,
} from '../../domain/courses/sessions'
import { cancelSession, deleteSession, updateSession } from '../../domain/courses/schedule'
import { decodeTimeCursor } from '../../domain/cursor'
import { isOrganiser } from '../../domain/access'
import { forbidden, validationFailed } from '../../errors'
import { attachment } from '../../domain/csv'
import { formatParkDateTime } from '../../domain/park-time'
import { currentViewer } from '../../plugins/auth'
import {
  AttendanceEntry,
  AttendanceQuery,
  AttendanceUndoBody,
  AttendanceUndoResult,
  CheckinCode,
  CheckinFeed,
  CheckinFeedQuery,
  ConfirmPendingResult,
  Deleted,
  IdParams,
  ManualAttendanceBody,
  SessionAttendance,
  SessionCancel,
  SessionDetail,
  SessionListQuery,
  SessionPage,
  SessionPatch,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const sessions: FastifyPluginAsyncTypebox = async (app) => {
  const keys = deriveCodeKeys(app.config.jwtSecret)

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '培训场次列表:`managed=1` 我组织的课程的场次(签到管理),或 `open=1` 现在可以签到的场次',
        description:
          '`managed=1&when=upcoming` 未结束的场次按开始时间正序,`when=past` 已结束的按开始时间倒序(非组织者 403);' +
          '`open=1` 为我可见、此刻签到时间内的场次(开始前 30 分钟至结束),含我的出勤。二者必选其一。',
        security: bearerAuth,
        querystring: SessionListQuery,
        response: { 200: SessionPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { managed, open, when = 'upcoming', limit = 20, cursor } = request.query
      const view = managed === '1' ? 'managed' : open === '1' ? 'open' : null
      if (view === null) throw validationFailed('query/managed 或 query/open 须指定其一')
      const viewer = currentViewer(request)
      if (view === 'managed' && !isOrganiser(viewer)) {
        throw forbidden('只有支部书记或园区管理员可以管理签到')
      }
      const part = view === 'open' ? 'upcoming' : when
      const after = cursor === undefined ? null : decodeTimeCursor(cursor, [part])
      if (cursor !== undefined && after === null)
        throw validationFailed('query/cursor 无效,请从第一页重新加载')
      return listSessions(app.db, viewer, { view, when: part, limit, after }, app.now())
    },
  )

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '课程场次:时间、地点、主讲人、所属课程、签到时间窗口与我的出勤',
        description: '供签到大屏与签到结果页使用;其他支部课程的场次返回 404。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: SessionDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const session = await findVisibleSession(app.db, viewer, request.params.id)
      if (!session) throw sessionNotFound()
      return sessionDetail(app.db, viewer, session, app.now())
    },
  )

  app.get(
    '/:id/checkin-code',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '当前签到码(组织者):二维码内容与 6 位数字签到码,每 10 秒更新,每个码有效 30 秒',
        description:
          '课程所在支部书记或园区管理员可获取;园区课程仅园区管理员。`refreshInMs` 后应重新获取。' +
          '签到时间(开始前 30 分钟至结束)以外没有签到码:422 CHECKIN_CLOSED,并说明开始时间。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: CheckinCode, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const session = await findManagedSession(app.db, currentViewer(request), request.params.id)
      const now = app.now()
      const closed = checkinClosedReason(session, now.getTime())
      if (closed) throw checkinClosed(closed)
      reply.header('cache-control', 'no-store')
      return issueCode(keys, session.id, now)
    },
  )

  app.get(
    '/:id/checkins',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '实时签到动态(组织者):已签到人数与最新签到的成员,供大屏每几秒轮询',
        description: '`since` 传上次返回的 `lastId`,只列出此后的签到(最新在前,最多 20 条)。',
        security: bearerAuth,
        params: IdParams,
        querystring: CheckinFeedQuery,
        response: { 200: CheckinFeed, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const session = await findManagedSession(app.db, currentViewer(request), request.params.id)
      reply.header('cache-control', 'no-store')
      return checkinFeed(app.db, session.id, request.query.since ?? 0)
    },
  )

  app.get(
    '/:id/attendance',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '出勤情况(组织者):已签到、迟到、请假、缺席;?format=csv 导出 Excel 可打开的 CSV',
        description: '缺席为已报名课程但既未签到也未请假的成员(场次进行中即尚未签到者)。',
        security: bearerAuth,
        params: IdParams,
        querystring: AttendanceQuery,
        response: {
          200: {
            description: '出勤情况',
            content: {
              'application/json': { schema: SessionAttendance },
              'text/csv': { schema: Type.String({ description: 'UTF-8(带 BOM)CSV' }) },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const session = await findManagedSession(app.db, currentViewer(request), request.params.id)
      const attendance = await listAttendance(app.db, session, app.now())
      if (request.query.format !== 'csv') return reply.send(attendance)
      const day = formatParkDateTime(session.starts_at).slice(0, 10)
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachment(`${session.course_title}-${day}-出勤.csv`, `session-${session.id}-attendance.csv`),
        )
        .send(attendanceCsv(attendance))
    },
  )

  app.post(
    '/:id/attendance',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '手工签到、确认待确认的签到,或登记请假(组织者)',
        description:
          '`status: present` 对待确认的离线签到即为确认(按二维码显示的时间记为已签到或迟到并计积分)。' +
          '已签到的成员再登记返回 409 ALREADY_CHECKED_IN,已请假的再请假返回 409 ALREADY_ON_LEAVE;请假的成员可改为签到。' +
          '支部课程只能登记本支部成员(422 MEMBER_NOT_IN_BRANCH);组织者不能为自己登记签到(422 SELF_RECORD)。',
        security: bearerAuth,
        params: IdParams,
        body: ManualAttendanceBody,
        response: { 201: AttendanceEntry, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const session = await findManagedSession(app.db, viewer, request.params.id)
      const now = app.now()
      const entry = await app.db
        .transaction()
        .execute((trx) => recordAttendance(trx, viewer, session, request.body, now))
      return reply.status(201).send(entry)
    },
  )

  app.post(
    '/:id/attendance/confirm',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '全部确认(组织者):待确认的离线签到全部计入出勤并计积分',
        description:
          '待确认的签到是二维码过期后才送达的离线签到;确认后按二维码显示的时间记为已签到或迟到。组织者本人的签到不在其中。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: ConfirmPendingResult, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const session = await findManagedSession(app.db, viewer, request.params.id)
      const now = app.now()
      const confirmed = await app.db
        .transaction()
        .execute((trx) => confirmAllPending(trx, viewer, session, now))
      return { confirmed }
    },
  )

  const reloadSession = async (viewer: ReturnType<typeof currentViewer>, id: number) => {
    const session = await findVisibleSession(app.db, viewer, id)
    if (!session) throw sessionNotFound()
    return sessionDetail(app.db, viewer, session, app.now())
  }

  app.patch(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '修改场次(组织者):改时间、地点或主讲人',
        description:
          '已有签到或请假记录的场次不能再改时间(409 HAS_ATTENDANCE);已取消的场次不能修改(422 SESSION_CANCELLED)。',
        security: bearerAuth,
        params: IdParams,
        body: SessionPatch,
        response: { 200: SessionDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      await app.db.transaction().execute((trx) => updateSession(trx, viewer, id, request.body, now))
      return reloadSession(viewer, id)
    },
  )

  app.post(
    '/:id/cancel',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '取消场次(组织者):注明原因,已报名成员会看到并收到通知',
        description:
          '取消后该场次不再签到,也不计缺勤;已结束的场次不能取消(422 SESSION_ENDED),重复取消 409 ALREADY_CANCELLED。',
        security: bearerAuth,
        params: IdParams,
        body: SessionCancel,
        response: { 200: SessionDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      const now = app.now()
      await app.db.transaction().execute((trx) => cancelSession(trx, viewer, id, request.body.reason, now))
      return reloadSession(viewer, id)
    },
  )

  app.delete(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['courses'],
        summary: '删除场次(组织者):仅限没有任何出勤记录的场次',
        description:
          '已有签到、待确认或请假记录的场次不能删除(409 HAS_ATTENDANCE),可改为取消;课程至少保留一个场次(422 LAST_SESSION)。',
        security: bearerAuth,
        params: IdParams,
        response: { 200: Deleted, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const { id } = request.params
      await app.db.transaction().execute((trx) => deleteSession(trx, viewer, id, app.now()))
      return { id, deleted: true as const }
    },
  )

  app.post(
    '/:id/attendance/undo',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['checkins'],
        summary: '撤销补签或请假(组织者):记录移出考勤,原记录连同撤销人和时间留存',
        description:
          '只能撤销组织者登记的补签或请假(成员自己的签到:422 NOT_MANUAL;没有记录:404 NOT_RECORDED)。' +
          '补签获得的积分以一条负分流水收回;同一场次不会再次计分。撤销后成员回到缺勤,可重新签到或登记。',
        security: bearerAuth,
        params: IdParams,
        body: AttendanceUndoBody,
        response: { 200: AttendanceUndoResult, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const viewer = currentViewer(request)
      const session = await findManagedSession(app.db, viewer, request.params.id)
      const now = app.now()
      return app.db
        .transaction()
        .execute((trx) => undoAttendance(trx, viewer, session, request.body.memberId, now))
    },
  )
}

export default sessions
