/** Every page path in one place, so a renamed page breaks the typecheck, not a tap. */
export const ROUTES = {
  home: '/pages/home/index',
  events: '/pages/events/index',
  study: '/pages/study/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  noticeDetail: (id: number) => `/packages/notice/detail/index?id=${id}`,
  noticeNew: '/packages/admin/notice-new/index',
} as const

export const TAB_INDEX = { home: 0, events: 1, study: 2, me: 3 } as const
