import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, Page, PageQuery, TextField } from './common'
import { ManagedQuery } from './query'
import { LIMITS } from './limits'

/** 党务培训 or 学习课程 */
export const CourseKind = Type.Union([Type.Literal('training'), Type.Literal('study')])
export type CourseKind = Static<typeof CourseKind>

export const AttendanceStatus = Type.Union([
  Type.Literal('present'),
  Type.Literal('late'),
  Type.Literal('leave'),
  Type.Literal('absent'),
  /** 待确认: arrived after its code expired; counts once an organiser confirms it */
  Type.Literal('pending'),
])
export type AttendanceStatus = Static<typeof AttendanceStatus>

/** open: takes enrolments; full: no place left; closed: the organiser closed enrolment; ended: its last session is over */
export const CourseStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('full'),
  Type.Literal('closed'),
  Type.Literal('ended'),
])
export type CourseStatus = Static<typeof CourseStatus>

/** not_open: before 30 minutes ahead of the start; open: members may sign in now; closed: it has ended */
export const CheckinStatus = Type.Union([
  Type.Literal('not_open'),
  Type.Literal('open'),
  Type.Literal('closed'),
])
export type CheckinWindowStatus = Static<typeof CheckinStatus>

export const Course = Type.Object({
  id: Id,
  title: Type.String(),
  kind: CourseKind,
  description: Type.String(),
  /** the organising branch; null for a park-wide course */
  branch: Type.Union([NamedRef, Type.Null()]),
  capacity: Type.Integer({ minimum: 1 }),
  enrolledCount: Type.Integer({ minimum: 0 }),
  enrolled: Type.Boolean(),
  status: CourseStatus,
  /** whether the organiser takes enrolments (status says whether a place is left too) */
  enrolmentOpen: Type.Boolean(),
  /** sessions not cancelled */
  sessionCount: Type.Integer({ minimum: 0 }),
  /** start of the next session that has not ended, if any */
  nextSessionAt: Type.Union([IsoTime, Type.Null()]),
  /** whether the viewer runs this course (park admin, its creator, or its branch's secretary) */
  canManage: Type.Boolean(),
})
export type Course = Static<typeof Course>
export const CoursePage = Page(Course)
export type CoursePage = Static<typeof CoursePage>
export const CourseListQuery = Type.Object({ ...ManagedQuery, ...PageQuery }, { additionalProperties: false })

export const Session = Type.Object({
  id: Id,
  startsAt: IsoTime,
  endsAt: IsoTime,
  venue: Type.String(),
  lecturer: Type.String(),
  myAttendance: Type.Union([AttendanceStatus, Type.Null()]),
  /** the sign-in window opens 30 minutes before the start and closes at the end */
  checkinOpensAt: IsoTime,
  /** the window as of the answer, by the server's clock (closed for a cancelled session) */
  checkinStatus: CheckinStatus,
  /** set when an organiser cancelled the session, with the reason members see */
  cancelledAt: Type.Union([IsoTime, Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
})
export type Session = Static<typeof Session>

export const MaterialSummary = Type.Object({
  id: Id,
  title: Type.String(),
  summary: Type.String(),
  /** minutes a careful reader needs */
  readMinutes: Type.Integer({ minimum: 1 }),
})
export type MaterialSummary = Static<typeof MaterialSummary>

export const Material = Type.Composite([MaterialSummary, Type.Object({ body: Type.String(), courseId: Id })])
export type Material = Static<typeof Material>

export const CourseDetail = Type.Composite([
  Course,
  Type.Object({
    sessions: Type.Array(Session),
    materials: Type.Array(MaterialSummary),
  }),
])
export type CourseDetail = Static<typeof CourseDetail>

export const SessionCreate = Type.Object(
  {
    startsAt: IsoTime,
    endsAt: IsoTime,
    venue: TextField({ minLength: 1, maxLength: LIMITS.venue }),
    lecturer: TextField({ minLength: 1, maxLength: LIMITS.lecturer }),
  },
  { additionalProperties: false },
)
export type SessionCreate = Static<typeof SessionCreate>

/**
 * Sessions on one weekday at one park time (Asia/Shanghai), weekly: 每周三 19:00,共 6 次.
 * The first is the first such day on or after `from`.
 */
export const WeeklyRule = Type.Object(
  {
    /** 1 Monday … 7 Sunday */
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    /** park time of day, `19:00` */
    time: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', examples: ['19:00'] }),
    /** park day of the first possible session, `2026-12-02` */
    from: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-12-02'] }),
    count: Type.Integer({ minimum: 1, maximum: LIMITS.recurringSessions }),
    durationMinutes: Type.Integer({ minimum: 10, maximum: 720 }),
    venue: TextField({ minLength: 1, maxLength: LIMITS.venue }),
    lecturer: TextField({ minLength: 1, maxLength: LIMITS.lecturer }),
  },
  { additionalProperties: false },
)
export type WeeklyRule = Static<typeof WeeklyRule>

const courseFields = {
  title: TextField({ minLength: 1, maxLength: LIMITS.courseTitle }),
  kind: Type.Optional(CourseKind),
  description: TextField({ multiline: true, maxLength: LIMITS.courseDescription }),
  capacity: Type.Integer({ minimum: 1, maximum: LIMITS.capacity }),
  /** default true */
  enrolmentOpen: Type.Optional(Type.Boolean()),
}

/** A course with its sessions: listed one by one (`sessions`) or by a weekly rule (`recurrence`), one of the two. */
export const CourseCreate = Type.Object(
  {
    ...courseFields,
    branchId: Type.Optional(Type.Union([Id, Type.Null()])),
    sessions: Type.Optional(Type.Array(SessionCreate, { minItems: 1, maxItems: 100 })),
    recurrence: Type.Optional(WeeklyRule),
  },
  { additionalProperties: false },
)
export type CourseCreate = Static<typeof CourseCreate>

/** What an organiser may change of a course; its branch stays. */
export const CoursePatch = Type.Partial(
  Type.Object({
    title: courseFields.title,
    kind: CourseKind,
    description: courseFields.description,
    capacity: courseFields.capacity,
    enrolmentOpen: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
)
export type CoursePatch = Static<typeof CoursePatch>

/** Moves a session or changes its venue or lecturer. */
export const SessionPatch = Type.Partial(
  Type.Object({
    startsAt: IsoTime,
    endsAt: IsoTime,
    venue: TextField({ minLength: 1, maxLength: LIMITS.venue }),
    lecturer: TextField({ minLength: 1, maxLength: LIMITS.lecturer }),
  }),
  { additionalProperties: false, minProperties: 1 },
)
export type SessionPatch = Static<typeof SessionPatch>

export const SessionCancel = Type.Object(
  { reason: TextField({ minLength: 1, maxLength: LIMITS.cancelReason }) },
  { additionalProperties: false },
)
export type SessionCancel = Static<typeof SessionCancel>

/** The sessions a weekly rule made, in time order. */
export const SessionsCreated = Type.Object({ items: Type.Array(Session) })
export type SessionsCreated = Static<typeof SessionsCreated>

export const MaterialCreate = Type.Object(
  {
    title: TextField({ minLength: 1, maxLength: LIMITS.materialTitle }),
    /** one paragraph per line; a line starting with `#` is a heading */
    body: TextField({ multiline: true, minLength: 1, maxLength: LIMITS.materialBody }),
  },
  { additionalProperties: false },
)
export type MaterialCreate = Static<typeof MaterialCreate>

export const MaterialPatch = Type.Partial(MaterialCreate, { additionalProperties: false, minProperties: 1 })
export type MaterialPatch = Static<typeof MaterialPatch>

export const Deleted = Type.Object({ id: Id, deleted: Type.Literal(true) })
export type Deleted = Static<typeof Deleted>

export const CheckinCode = Type.Object({
  /** what the QR code encodes: an HMAC-signed token naming the session and its expiry */
  code: Type.String(),
  /** 6 digits for phones without a camera */
  shortCode: Type.String({ pattern: '^[0-9]{6}$' }),
  expiresAt: IsoTime,
  refreshInMs: Type.Integer({ minimum: 0 }),
})
export type CheckinCode = Static<typeof CheckinCode>

export const CheckinBody = Type.Union([
  Type.Object(
    {
      code: TextField({ minLength: 1, maxLength: 512 }),
      /** set by the phone's offline queue: when the member scanned */
      scannedAt: Type.Optional(IsoTime),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      sessionId: Id,
      shortCode: Type.String({ pattern: '^[0-9]{6}$' }),
      scannedAt: Type.Optional(IsoTime),
    },
    { additionalProperties: false },
  ),
])
export type CheckinBody = Static<typeof CheckinBody>

export const CheckinResult = Type.Object({
  sessionId: Id,
  courseTitle: Type.String(),
  checkedInAt: IsoTime,
  /** `pending`: a queued sign-in that arrived after its code expired, waiting for an organiser */
  status: Type.Union([Type.Literal('present'), Type.Literal('late'), Type.Literal('pending')]),
  pointsAwarded: Type.Integer({ minimum: 0 }),
  offline: Type.Boolean(),
})
export type CheckinResult = Static<typeof CheckinResult>

export const AttendanceEntry = Type.Object({
  member: Type.Object({ id: Id, name: Type.String(), branch: Type.Union([NamedRef, Type.Null()]) }),
  status: AttendanceStatus,
  checkedInAt: Type.Union([IsoTime, Type.Null()]),
  offline: Type.Boolean(),
  /** manual entries by the secretary */
  manual: Type.Boolean(),
  note: Type.Union([Type.String(), Type.Null()]),
  /** an organiser's 补签 or 请假, which an organiser may undo (POST /api/sessions/:id/attendance/undo) */
  canUndo: Type.Boolean(),
})
export type AttendanceEntry = Static<typeof AttendanceEntry>

export const SessionAttendance = Type.Object({
  session: Type.Composite([
    Type.Omit(Session, ['myAttendance']),
    Type.Object({ courseId: Id, courseTitle: Type.String() }),
  ]),
  present: Type.Array(AttendanceEntry),
  late: Type.Array(AttendanceEntry),
  leave: Type.Array(AttendanceEntry),
  absent: Type.Array(AttendanceEntry),
  /** sign-ins that arrived after their code expired, waiting for an organiser to confirm them */
  pending: Type.Array(AttendanceEntry),
})
export type SessionAttendance = Static<typeof SessionAttendance>

export const ManualAttendanceBody = Type.Object(
  {
    memberId: Id,
    status: Type.Union([Type.Literal('present'), Type.Literal('leave')]),
    note: Type.Optional(TextField({ maxLength: LIMITS.attendanceNote })),
  },
  { additionalProperties: false },
)
export type ManualAttendanceBody = Static<typeof ManualAttendanceBody>

export const AttendanceUndoBody = Type.Object({ memberId: Id }, { additionalProperties: false })
export type AttendanceUndoBody = Static<typeof AttendanceUndoBody>

export const AttendanceUndoResult = Type.Object({
  memberId: Id,
  /** what was undone */
  undone: Type.Union([Type.Literal('present'), Type.Literal('late'), Type.Literal('leave')]),
  /** the points the 补签 had earned, taken back */
  pointsTakenBack: Type.Integer({ minimum: 0 }),
  undoneAt: IsoTime,
})
export type AttendanceUndoResult = Static<typeof AttendanceUndoResult>

export const EnrolResult = Type.Object({
  courseId: Id,
  status: Type.Literal('enrolled'),
  enrolledCount: Type.Integer({ minimum: 1 }),
})
export type EnrolResult = Static<typeof EnrolResult>

/** A session with its course, as lists of sessions show it (签到管理, the short-code page). */
export const SessionListItem = Type.Composite([
  Session,
  Type.Object({
    courseId: Id,
    courseTitle: Type.String(),
    courseKind: CourseKind,
    branch: Type.Union([NamedRef, Type.Null()]),
    /** sign-ins after this are `late` */
    lateAfter: IsoTime,
    canManage: Type.Boolean(),
  }),
])
export type SessionListItem = Static<typeof SessionListItem>
export const SessionPage = Page(SessionListItem)
export type SessionPage = Static<typeof SessionPage>

export const SessionListQuery = Type.Object(
  {
    ...ManagedQuery,
    /** `1`: the sessions the viewer may sign in to right now (the window is open) */
    open: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
    /** with `managed=1`: upcoming (not ended, soonest first) or past (latest first) */
    when: Type.Optional(
      Type.Union([Type.Literal('upcoming'), Type.Literal('past')], { default: 'upcoming' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type SessionListQuery = Static<typeof SessionListQuery>

/** A course with every session and the viewer's attendance (我的课程). */
export const CourseWithSessions = Type.Composite([
  Course,
  Type.Object({
    sessions: Type.Array(Session),
    /** 出勤 attended/held: sessions signed in to (on time or late) of those held so far or attended */
    attendance: Type.Object({ attended: Type.Integer({ minimum: 0 }), held: Type.Integer({ minimum: 0 }) }),
  }),
])
export type CourseWithSessions = Static<typeof CourseWithSessions>
export const CourseWithSessionsPage = Page(CourseWithSessions)
export type CourseWithSessionsPage = Static<typeof CourseWithSessionsPage>
export const MyCoursesQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

/** One session with its course, for the sign-in screen and the result page. */
export const SessionDetail = Type.Composite([
  SessionListItem,
  Type.Object({
    /** the viewer's own sign-in as the server recorded it, with the points it earned */
    myCheckin: Type.Union([
      Type.Object({
        status: Type.Union([Type.Literal('present'), Type.Literal('late'), Type.Literal('pending')]),
        checkedInAt: IsoTime,
        offline: Type.Boolean(),
        pointsAwarded: Type.Integer({ minimum: 0 }),
      }),
      Type.Null(),
    ]),
  }),
])
export type SessionDetail = Static<typeof SessionDetail>

export const AttendanceQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) },
  { additionalProperties: false },
)
export type AttendanceQuery = Static<typeof AttendanceQuery>

export const ManualAttendanceResult = AttendanceEntry

/** 全部确认: how many pending sign-ins now count. */
export const ConfirmPendingResult = Type.Object({ confirmed: Type.Integer({ minimum: 0 }) })
export type ConfirmPendingResult = Static<typeof ConfirmPendingResult>

export const CheckinFeedQuery = Type.Object(
  {
    /** `lastId` of the previous answer: only newer sign-ins are listed */
    since: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
  },
  { additionalProperties: false },
)
export type CheckinFeedQuery = Static<typeof CheckinFeedQuery>

export const CheckinFeedItem = Type.Object({
  id: Id,
  name: Type.String(),
  branchName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('present'), Type.Literal('late')]),
  checkedInAt: IsoTime,
})
export type CheckinFeedItem = Static<typeof CheckinFeedItem>

/** The projector's live list: counts and the newest sign-ins (newest first, at most 20). */
export const CheckinFeed = Type.Object({
  sessionId: Id,
  /** present + late */
  count: Type.Integer({ minimum: 0 }),
  lateCount: Type.Integer({ minimum: 0 }),
  items: Type.Array(CheckinFeedItem),
  /** pass as `since` next time; 0 while nobody has signed in */
  lastId: Type.Integer({ minimum: 0 }),
})
export type CheckinFeed = Static<typeof CheckinFeed>
