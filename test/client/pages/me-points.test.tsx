import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '@/pages/me'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import type { Me } from '../../../types/api'
import { member, meSummary, secretary } from '../fixtures'

function memberApi(overrides: Record<string, { status: number; body?: unknown }> = {}, user: Me = member) {
  return fakeApi({
    'GET /api/me': { status: 200, body: user },
    // The server's own sums: the page shows them, never adds anything up itself.
    'GET /api/me/summary': {
      status: 200,
      body: meSummary(user, {
        points: { total: 42, today: 3 },
        signups: { confirmed: 2, waitlisted: 1 },
        courses: { enrolled: 1 },
      }),
    },
    ...overrides,
  })
}

describe('我的: one place for a member’s things', () => {
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the total and today’s points as the server counts them', async () => {
    saveSession('token-7', member)
    const calls = memberApi()
    const { container } = render(<MePage />)
    await waitFor(() => expect(container.querySelector('.me-points__total')).toHaveTextContent('42'))
    expect(container.querySelector('.me-points__today')).toHaveTextContent('今日 +3')
    // 我的 in three requests: the profile, its summary and the unread 消息 count; and, opened first,
    // the 首页 tab's unread notices for its badge.
    expect(calls.map((call) => call.url).sort()).toEqual([
      '/api/announcements/unread-count',
      '/api/me',
      '/api/me/notifications/unread-count',
      '/api/me/summary',
    ])

    fireEvent.click(screen.getByText('积分明细'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/me/points/index' })
  })

  it('shows the profile’s total until the points summary answers, and no today figure', async () => {
    saveSession('token-7', member)
    memberApi({ 'GET /api/me/summary': { status: 500 } })
    const { container } = render(<MePage />)
    // Without the server's word on the card, its entry keeps a neutral name.
    await screen.findByText('我的名片')
    await waitFor(() => expect(container.querySelector('.me-points__total')).toHaveTextContent('35'))
    expect(container.querySelector('.me-points__today')).toBeNull()
    // A summary that failed is quiet: the profile is still there.
    expect(Taro.showToast).not.toHaveBeenCalled()
  })

  it('counts my signups and waitlist places and my courses, and opens each', async () => {
    saveSession('token-7', member)
    memberApi()
    const { container } = render(<MePage />)
    await waitFor(() =>
      expect(container.querySelector('.menu-item--my-signups')).toHaveTextContent('已报名 2 · 候补 1'),
    )
    expect(container.querySelector('.menu-item--my-courses')).toHaveTextContent('1门课程')

    fireEvent.click(screen.getByText('我的党员名片'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/me/card/index' })
    fireEvent.click(screen.getByText('我的课程'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/me/courses/index' })
    fireEvent.click(screen.getByText('设置'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/me/settings/index' })
    // Members get no staff tools, and nobody sees a ranking.
    expect(screen.queryByText('名片核验')).toBeNull()
    expect(screen.queryByText(/排名第|排行/)).toBeNull()
  })

  it('gives secretaries 名片核验 and 支部数据', async () => {
    saveSession('token-2', secretary)
    memberApi({}, secretary)
    render(<MePage />)
    fireEvent.click(await screen.findByText('名片核验'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/card-verify/index' })
    fireEvent.click(screen.getByText('支部数据'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/branch-stats/index' })
  })

  it('names the card as the server titles it: 党员名片 for a party member, 园区名片 for anyone else', async () => {
    saveSession('token-8', { ...member, politicalStatus: 'masses' })
    memberApi({}, { ...member, politicalStatus: 'masses' })
    render(<MePage />)
    expect(await screen.findByText('我的园区名片')).toBeInTheDocument()
    expect(screen.queryByText('我的党员名片')).toBeNull()
  })
})
