import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { BranchStats } from '../../../types/api'
import BranchStatsPage from '@/packages/admin/branch-stats'
import { fakeApi } from '../fake-fetch'
import { member, secretary, signIn } from '../fixtures'

function stats(month: string, overrides: Partial<BranchStats> = {}): BranchStats {
  return {
    scope: 'branch',
    branch: { id: 3, name: '云栈科技党支部' },
    month,
    members: 12,
    activeMembers: 9,
    pointsTotal: 130,
    pointsAverage: 10.8,
    noticesRead: 64,
    eventsAttended: 15,
    trainingsAttended: 21,
    byPoliticalStatus: [
      { key: 'party_member', label: '中共党员', count: 7 },
      { key: 'masses', label: '群众', count: 5 },
    ],
    applicationsByStage: [{ key: 'activist', label: '入党积极分子', count: 2 }],
    trend: [
      {
        month,
        eventsHeld: 2,
        eventSignups: 20,
        eventAttended: 15,
        eventAttendanceRate: 0.75,
        sessionsHeld: 3,
        sessionExpected: 30,
        sessionAttended: 21,
        sessionAttendanceRate: 0.7,
        applicationsFiled: 1,
        pointsTotal: 130,
        pointsActiveMembers: 9,
      },
    ],
    ...overrides,
  }
}

describe('支部数据', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the branch’s aggregate figures and steps back a month', async () => {
    signIn('token-2', secretary)
    const calls = fakeApi({
      'GET /api/branch-stats': (call) =>
        call.url.includes('month=2026-10')
          ? { status: 200, body: stats('2026-10', { pointsTotal: 80 }) }
          : { status: 200, body: stats('2026-11') },
    })
    const { container } = render(<BranchStatsPage />)
    await screen.findByText('2026年11月')
    expect(container.querySelector('.branch-stats__scope')).toHaveTextContent('云栈科技党支部')
    const figures = Array.from(container.querySelectorAll('.stats-figure')).map((node) => node.textContent)
    expect(figures).toEqual([
      '12成员人数',
      '9' + '11月参与人数参与率 75%',
      '130' + '11月积分合计',
      '10.8' + '11月人均积分',
      '64' + '11月通知阅读次数',
      '15' + '11月活动签到人次',
      '21' + '11月培训出勤人次',
    ])
    // The breakdowns and the months, as the server counted them.
    expect(container.querySelector('.branch-stats__table')).toHaveTextContent('中共党员7 人群众5 人')
    expect(screen.getByText('近12个月')).toBeInTheDocument()
    expect(screen.getByText('15/20')).toBeInTheDocument()
    // Aggregates only: no person's name anywhere.
    expect(screen.queryByText(/林晓帆|排名第|排行/)).toBeNull()

    fireEvent.click(screen.getByText('‹ 上月'))
    await screen.findByText('2026年10月')
    expect(calls[calls.length - 1].url).toContain('month=2026-10')
    await waitFor(() => expect(screen.queryByText('80')).not.toBeNull())
    // The labels name the month shown, not 本月.
    expect(screen.getByText('10月积分合计')).toBeInTheDocument()
    expect(screen.queryByText(/本月/)).toBeNull()
  })

  it('is not for members', () => {
    signIn('token-7', member)
    render(<BranchStatsPage />)
    expect(screen.getByText('仅支部书记和园区管理员可以查看')).toBeInTheDocument()
  })
})
