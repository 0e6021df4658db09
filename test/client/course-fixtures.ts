import type {
  CheckinFeed,
  Course,
  CourseDetail,
  Session,
  SessionAttendance,
  SessionDetail,
  SessionListItem,
} from '../../types/api'

/** "Now" of the sign-in tests: 2026-11-24 13:50 in Xiamen, ten minutes before the session. */
export const CHECKIN_NOW = Date.parse('2026-11-24T05:50:00.000Z')

export function course(overrides: Partial<Course> = {}): Course {
  return {
    id: 3,
    title: '党务工作者培训班',
    kind: 'training',
    description: '面向园区各企业党支部书记和党务工作者。\n每次授课现场扫码签到。',
    branch: null,
    capacity: 120,
    enrolledCount: 36,
    enrolled: false,
    status: 'open',
    enrolmentOpen: true,
    sessionCount: 2,
    nextSessionAt: '2026-11-24T06:00:00.000Z',
    canManage: false,
    ...overrides,
  }
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 5,
    startsAt: '2026-11-24T06:00:00.000Z',
    endsAt: '2026-11-24T08:00:00.000Z',
    venue: '园区党群服务中心多功能厅',
    lecturer: '区委党校 郑老师',
    myAttendance: null,
    checkinOpensAt: '2026-11-24T05:30:00.000Z',
    checkinStatus: 'open',
    cancelledAt: null,
    cancelReason: null,
    ...overrides,
  }
}

export function courseDetail(overrides: Partial<CourseDetail> = {}): CourseDetail {
  return {
    ...course(),
    sessions: [
      session({
        id: 4,
        startsAt: '2026-11-17T06:30:00.000Z',
        endsAt: '2026-11-17T09:00:00.000Z',
        myAttendance: 'late',
        checkinOpensAt: '2026-11-17T06:00:00.000Z',
        checkinStatus: 'closed',
        cancelledAt: null,
        cancelReason: null,
      }),
      session(),
    ],
    materials: [
      {
        id: 9,
        title: '“三会一课”组织规范',
        summary: '支部党员大会、支委会、党小组会和党课的要求。',
        readMinutes: 8,
      },
    ],
    canManage: false,
    ...overrides,
  }
}

export function sessionDetail(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    ...session(),
    courseId: 3,
    courseTitle: '党务工作者培训班',
    courseKind: 'training',
    branch: null,
    lateAfter: '2026-11-24T06:10:00.000Z',
    canManage: true,
    myCheckin: null,
    ...overrides,
  }
}

/** A session as lists of sessions give it (GET /api/sessions). */
export function sessionItem(overrides: Partial<SessionListItem> = {}): SessionListItem {
  const { myCheckin: _mine, ...item } = sessionDetail()
  return { ...item, ...overrides }
}

export function feed(overrides: Partial<CheckinFeed> = {}): CheckinFeed {
  return { sessionId: 5, count: 0, lateCount: 0, items: [], lastId: 0, ...overrides }
}

export function attendance(overrides: Partial<SessionAttendance> = {}): SessionAttendance {
  const member = (id: number, name: string) => ({
    id,
    name,
    branch: { id: 3, name: '云栈科技党支部' },
  })
  return {
    session: {
      id: 5,
      startsAt: '2026-11-24T06:00:00.000Z',
      endsAt: '2026-11-24T08:00:00.000Z',
      venue: '园区党群服务中心多功能厅',
      lecturer: '区委党校 郑老师',
      checkinOpensAt: '2026-11-24T05:30:00.000Z',
      checkinStatus: 'open',
      cancelledAt: null,
      cancelReason: null,
      courseId: 3,
      courseTitle: '党务工作者培训班',
    },
    present: [
      {
        member: member(7, '林晓帆'),
        status: 'present',
        checkedInAt: '2026-11-24T05:52:00.000Z',
        offline: true,
        manual: false,
        note: null,
        canUndo: false,
      },
    ],
    late: [
      {
        member: member(8, '周子航'),
        status: 'late',
        checkedInAt: '2026-11-24T06:15:00.000Z',
        offline: false,
        manual: false,
        note: null,
        canUndo: false,
      },
    ],
    leave: [],
    pending: [],
    absent: [
      {
        member: member(9, '许嘉怡'),
        status: 'absent',
        checkedInAt: null,
        offline: false,
        manual: false,
        note: null,
        canUndo: false,
      },
    ],
    ...overrides,
  }
}
