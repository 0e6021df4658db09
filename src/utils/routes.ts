/** Every page path in one place, so a renamed page breaks the typecheck, not a tap. */
export const ROUTES = {
  home: '/pages/home/index',
  events: '/pages/events/index',
  study: '/pages/study/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  noticeDetail: (id: number) => `/packages/notice/detail/index?id=${id}`,
  noticeNew: '/packages/admin/notice-new/index',
  eventDetail: (id: number) => `/packages/event/detail/index?id=${id}`,
  mySignups: '/packages/event/my-signups/index',
  pickup: (packageId: number, code: string) =>
    `/packages/health/pickup/index?id=${packageId}&code=${encodeURIComponent(code)}`,
  eventNew: '/packages/admin/event-edit/index',
  eventEdit: (id: number) => `/packages/admin/event-edit/index?id=${id}`,
  eventsManage: '/packages/admin/events/index',
  attendees: (id: number) => `/packages/admin/attendees/index?id=${id}`,
  packageNew: '/packages/admin/package-new/index',
  packagesManage: '/packages/admin/packages/index',
  packageClaims: (id: number) => `/packages/admin/package-claims/index?id=${id}`,
  redeem: '/packages/admin/redeem/index',
  points: '/packages/me/points/index',
  memberCard: '/packages/me/card/index',
  myCourses: '/packages/me/courses/index',
  settings: '/packages/me/settings/index',
  cardVerify: '/packages/admin/card-verify/index',
  branchStats: '/packages/admin/branch-stats/index',
  courseDetail: (id: number) => `/packages/study/course/index?id=${id}`,
  material: (id: number) => `/packages/study/material/index?id=${id}`,
  checkinEnter: '/packages/checkin/enter/index',
  /** `query` comes from `checkinResultQuery` (utils/checkin). */
  checkinResult: (query: string) => `/packages/checkin/result/index?${query}`,
  checkinScreen: (sessionId: number) => `/packages/checkin/screen/index?sessionId=${sessionId}`,
  sessionsManage: '/packages/admin/sessions/index',
  attendance: (sessionId: number) => `/packages/admin/attendance/index?sessionId=${sessionId}`,
  // 入党申请
  partyProgress: '/packages/party/progress/index',
  partyPipeline: '/packages/party/pipeline/index',
  partyApplication: (id: number) => `/packages/party/application/index?id=${id}`,
  partyCommittee: '/packages/party/committee/index',
} as const

export const TAB_INDEX = { home: 0, events: 1, study: 2, me: 3 } as const
