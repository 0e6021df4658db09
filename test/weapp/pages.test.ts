import type {
  AnnouncementPage,
  CheckinCode,
  CourseDetail,
  CoursePage,
  DemoUser,
  EventPage,
  HealthPackageList,
  HelpRequestPage,
  MemberPage,
} from '../../types/api'
import { allRoutes, isParkAdmin, isSecretary, textOf, useWeapp, type Phone } from './harness'

const MINUTE = 60_000

/** The park admin's own pages; everything else a branch secretary opens. */
const PARK_ONLY = new Set([
  'packages/admin/package-new/index',
  'packages/admin/packages/index',
  'packages/admin/package-claims/index',
  'packages/admin/redeem/index',
  // Both seeded courses are the park's, so their sign-in screen and attendance are the park admin's.
  'packages/checkin/screen/index',
  'packages/admin/attendance/index',
  // The park's organisation
  'packages/org/manage/index',
  'packages/org/company-edit/index',
  'packages/org/branch-edit/index',
  // So are their sessions and materials; and a park admin runs every notice.
  'packages/admin/course-manage/index',
  'packages/admin/session-edit/index',
  'packages/admin/material-edit/index',
  'packages/admin/notice-readers/index',
  'packages/party/committee/index',
  // 红e帮帮团: a park admin opens any request
  'packages/help/detail/index',
])
/** Pages of a member's own: opened by a member who has applied to join the party. */
const MEMBER_ONLY = new Set(['packages/party/progress/index'])

describe('every page of app.json opens in the mini-program', () => {
  const weapp = useWeapp()
  const phones = new Map<'secretary' | 'admin' | 'member', Phone>()
  let urls: Record<string, string> = {}

  beforeAll(async () => {
    const secretary = weapp.person(isSecretary)
    const admin = weapp.person(isParkAdmin)
    phones.set('secretary', await weapp.signedInPhone(secretary))
    phones.set('admin', await weapp.signedInPhone(admin))
    // 入党申请: a member who has applied (a demo applicant of the secretary's branch)
    const applications = await weapp.server.api<{ items: Array<{ id: number; member: { id: number } }> }>(
      secretary,
      '/api/applications',
    )
    const applicant = weapp.people((person) =>
      applications.items.some((item) => item.member.id === person.id),
    )[0]
    phones.set('member', await weapp.signedInPhone(applicant!))
    urls = await pageUrls(secretary, admin)
    urls['packages/party/application/index'] = `?id=${applications.items[0]!.id}`
  })

  /** Real ids from the API, as the pages would be reached by tapping. */
  async function pageUrls(secretary: DemoUser, admin: DemoUser): Promise<Record<string, string>> {
    const api = weapp.server.api.bind(weapp.server)
    const notices = await api<AnnouncementPage>(secretary, '/api/announcements')
    const events = await api<EventPage>(secretary, '/api/events?when=upcoming')
    const managed = events.items.find((event) => event.canManage)
    const courses = await api<CoursePage>(secretary, '/api/courses')
    const details = await Promise.all(
      courses.items.map((course) => api<CourseDetail>(secretary, `/api/courses/${course.id}`)),
    )
    const material = details.flatMap((course) => course.materials)[0]
    const now = Date.now()
    const openSession = details
      .flatMap((course) => course.sessions)
      .find(
        (session) => Date.parse(session.startsAt) - 30 * MINUTE <= now && now <= Date.parse(session.endsAt),
      )
    const {
      items: [batch],
    } = await api<HealthPackageList>(secretary, '/api/health-packages')
    // The seeded secretary is a party-member CEO too: her own pickup code.
    const claim = await api<{ code: string }>(secretary, `/api/health-packages/${batch.id}/claim`, {
      method: 'POST',
    })
    const code = await api<CheckinCode>(admin, `/api/sessions/${openSession!.id}/checkin-code`)
    const help = await api<HelpRequestPage>(admin, '/api/help-requests')
    const roster = await api<MemberPage>(secretary, '/api/members')
    // Read after every phone of this test signed in (signing in binds the WeChat account).
    const unbound = roster.items.find((member) => !member.bound)
    if (!unbound) throw new Error('the seed has no unbound roster entry in the secretary’s branch')
    expect(code.code).toBeTruthy()
    const result = new URLSearchParams({
      outcome: 'done',
      status: 'present',
      points: '5',
      course: details[0].title,
      at: new Date(now).toISOString(),
    })
    return {
      'packages/notice/detail/index': `?id=${notices.items[0].id}`,
      'packages/event/detail/index': `?id=${events.items[0].id}`,
      'packages/admin/attendees/index': `?id=${managed!.id}`,
      'packages/admin/event-edit/index': `?id=${managed!.id}`,
      'packages/study/course/index': `?id=${courses.items[0].id}`,
      'packages/study/material/index': `?id=${material.id}`,
      'packages/health/pickup/index': `?id=${batch.id}&code=${encodeURIComponent(claim.code)}`,
      'packages/admin/package-claims/index': `?id=${batch.id}`,
      'packages/checkin/screen/index': `?sessionId=${openSession!.id}`,
      'packages/admin/attendance/index': `?sessionId=${openSession!.id}`,
      'packages/admin/course-manage/index': `?id=${courses.items[0].id}`,
      'packages/admin/session-edit/index': `?id=${details[0].sessions.at(-1)!.id}`,
      'packages/admin/material-edit/index': `?id=${material.id}`,
      'packages/admin/notice-readers/index': `?id=${notices.items[0].id}`,
      'packages/checkin/result/index': `?${result.toString().replace(/\+/g, '%20')}`,
      'packages/org/invite/index': `?id=${unbound.id}`,
      'packages/org/member-edit/index': `?id=${unbound.id}`,
      'packages/help/detail/index': `?id=${help.items[0]!.id}`,
    }
  }

  it('the login page greets a visitor who is not logged in', async () => {
    const app = await weapp.launch({ entry: 'pages/login/index' })
    expect(app.route).toBe('pages/login/index')
    expect(app.text()).toContain('微信一键登录')
  })

  it.each(allRoutes().filter((route) => route !== 'pages/login/index'))('%s', async (route) => {
    const who = PARK_ONLY.has(route) ? 'admin' : MEMBER_ONLY.has(route) ? 'member' : 'secretary'
    const app = await weapp.launch({ phone: phones.get(who) })
    await app.openPage(`${route}${urls[route] ?? ''}`)

    expect(app.route).toBe(route)
    expect(app.title).not.toBe('')
    expect(textOf(app.page()).length).toBeGreaterThan(0)
    // Everything the page asked the server for, it got.
    expect(app.screen.requests.filter((request) => request.status >= 400)).toEqual([])
  })
})
