import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, Page, PageQuery } from './common'

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
  sessionCount: Type.Integer({ minimum: 0 }),
  /** start of the next session that has not ended, if any */
  nextSessionAt: Type.Union([IsoTime, Type.Null()]),
  /** whether the viewer runs this course (park admin, its creator, or its branch's secretary) */
  canManage: Type.Boolean(),
})
export type Course = Static<typeof Course>
export const CoursePage = Page(Course)
export type CoursePage = Static<typeof CoursePage>
export const CourseListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

export const Session = Type.Object({
  id: Id,
  startsAt: IsoTime,
  endsAt: IsoTime,
  venue: Type.String(),
  lecturer: Type.String(),
  myAttendance: Type.Union([AttendanceStatus, Type.Null()]),
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
    venue: Type.String({ minLength: 1, maxLength: 200 }),
    lecturer: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
)
export type SessionCreate = Static<typeof SessionCreate>

export const CourseCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Optional(CourseKind),
    description: Type.String({ maxLength: 20000 }),
    branchId: Type.Optional(Type.Union([Id, Type.Null()])),
    capacity: Type.Integer({ minimum: 1, maximum: 100000 }),
    sessions: Type.Array(SessionCreate, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
)
export type CourseCreate = Static<typeof CourseCreate>

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
      code: Type.String({ minLength: 1, maxLength: 512 }),
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
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type ManualAttendanceBody = Static<typeof ManualAttendanceBody>

export const EnrolResult = Type.Object({
  courseId: Id,
  status: Type.Literal('enrolled'),
  enrolledCount: Type.Integer({ minimum: 1 }),
})
export type EnrolResult = Static<typeof EnrolResult>

/** One session with its course, for the sign-in screen and the result page. */
export const SessionDetail = Type.Composite([
  Session,
  Type.Object({
    courseId: Id,
    courseTitle: Type.String(),
    courseKind: CourseKind,
    branch: Type.Union([NamedRef, Type.Null()]),
    /** the sign-in window opens 30 minutes before the start and closes at the end */
    checkinOpensAt: IsoTime,
    /** sign-ins after this are `late` */
    lateAfter: IsoTime,
    canManage: Type.Boolean(),
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
