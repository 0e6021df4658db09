import type { AnnouncementPage } from '../../types/api'
import { isPlainMember, loginWithWechat, useWeapp } from './harness'

describe('WeChat login and 首页 in the mini-program', () => {
  const weapp = useWeapp()

  it('a first-time visitor logs in with WeChat, gets an account and sees the park’s notices', async () => {
    const app = await weapp.launch()
    expect(app.route).toBe('pages/login/index')
    expect(app.text()).toContain('使用微信账号登录')

    await loginWithWechat(app)

    // Not on the roster yet: 完善信息 opens over 首页.
    expect(app.route).toBe('packages/join/profile/index')
    await app.back()
    expect(app.route).toBe('pages/home/index')
    expect(app.screen.calls.map((call) => call.name)).toContain('login')
    const text = app.text()
    expect(text).toContain('通知公告')
    expect(text).toContain('园区')
    // A new account belongs to no branch yet, so it sees park-wide notices only.
    expect(text).not.toMatch(/码上通党支部|云谷信息党支部/)
  })

  it('a member opens an unread notice and the unread count and the tab badge drop by one', async () => {
    const member = weapp.person(isPlainMember)
    const app = await weapp.loginAs(member)
    const unreadOnScreen = () => Number(/未读通知 (\d+)/.exec(app.text())?.[1] ?? 0)
    const before = unreadOnScreen()
    expect(before).toBeGreaterThan(1)
    expect(app.tabBadge('首页')).toBe(String(before))

    const { items } = await weapp.server.api<AnnouncementPage>(member, '/api/announcements')
    const unread = items.find((item) => !item.read)
    expect(unread).toBeDefined()
    await app.tap(unread!.title)

    expect(app.route).toBe('packages/notice/detail/index')
    expect(app.title).toBe('通知详情')
    expect(app.text()).toContain(unread!.title)
    expect(app.text()).toContain('发布人')

    await app.back()
    expect(app.route).toBe('pages/home/index')
    expect(unreadOnScreen()).toBe(before - 1)
    expect(app.tabBadge('首页')).toBe(String(before - 1))
  })

  it('pull-down refresh reloads the notices', async () => {
    const app = await weapp.loginAs(isPlainMember)
    const requests = app.screen.requests.length
    await app.pullDownRefresh()
    expect(app.screen.requests.slice(requests).map((request) => request.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/api\/announcements/)]),
    )
    expect(app.text()).toContain('通知公告')
    expect(app.screen.calls.map((call) => call.name)).toContain('stopPullDownRefresh')
  })
})
