import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ParkStats } from '../../../types/api'
import ParkStatsPage from '@/packages/stats/park'
import { fakeApi } from '../fake-fetch'
import { parkAdmin, secretary, signIn } from '../fixtures'

const months = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
]

function coverage(organisation: number, work: number) {
  return { organisation, work, operating: 19, ownOrg: 16, jointOrg: 0, instructorOnly: 1, none: 2, closed: 1 }
}

function stats(month = '2026-11'): ParkStats {
  return {
    month,
    asOf: '2026-11-21T06:00:00.000Z',
    coverage: {
      ...coverage(0.8421, 0.8947),
      targets: { organisation: 0.9, work: 0.95 },
      met: { organisation: false, work: false },
      // Not what the shares would give: the page shows the server's count, it does not work one out.
      shortBy: { organisation: 3, work: 1 },
    },
    companies: {
      operating: 19,
      ownOrg: 16,
      jointOrg: 0,
      instructorOnly: 1,
      none: 2,
      closed: 1,
      lacking: [
        {
          id: 17,
          name: '拾光影像科技(厦门)有限公司',
          industry: '短视频与影像服务',
          partyOrg: 'none',
          instructor: null,
          lacksOrganisation: true,
          lacksWork: true,
        },
        {
          id: 19,
          name: '嘉禾智造物联网(厦门)有限公司',
          industry: '工业物联网',
          partyOrg: 'none',
          instructor: { id: 2, name: '陈卫国' },
          lacksOrganisation: true,
          lacksWork: false,
        },
      ],
    },
    members: {
      total: 240,
      byPoliticalStatus: [
        { key: 'party_member', label: '中共党员', count: 96 },
        { key: 'masses', label: '群众', count: 144 },
      ],
      byBranch: [{ branch: { id: 1, name: '码上通党支部' }, members: 17, partyMembers: 7 }],
    },
    applications: { byStage: [{ key: 'activist', label: '入党积极分子', count: 5 }], filed: 2 },
    events: { held: 3, signups: 90, attended: 72 },
    trainings: { held: 4, expected: 80, attended: 70 },
    attendance: { events: 0.8, trainings: 0.875 },
    helpRequests: {
      byCategory: [
        { key: 'tax', label: '税务', count: 3 },
        { key: 'talent', label: '人才招聘', count: 1 },
      ],
      filed: 4,
      priority: 3,
      open: 2,
      resolved: 5,
      closed: 1,
      firstResponseHours: 6.5,
      resolutionHours: 40,
      firstResponseOnTime: 1,
      resolvedOnTime: 0.5,
      targets: { firstResponseWorkingDays: 2, priorityFirstResponseWorkingDays: 1 },
    },
    points: { total: 1520, activeMembers: 130, averagePerMember: 6.3 },
    trend: months.map((m, i) => ({
      month: m,
      coverage: coverage(0.55 + i * 0.025, 0.6 + i * 0.025),
      eventsHeld: 1,
      eventSignups: 30 + i,
      eventAttended: 24 + i,
      eventAttendanceRate: 0.8,
      sessionsHeld: 2,
      sessionExpected: 40,
      sessionAttended: 35,
      sessionAttendanceRate: 0.875,
      applicationsFiled: 1,
      pointsTotal: 800 + i * 50,
      pointsActiveMembers: 90,
      helpFiled: i % 3,
      helpResolved: 1,
    })),
  }
}

describe('园区数据', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
    // jsdom draws no canvas; the tables carry every number.
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows coverage against the targets, the companies to act on, and every chart as a table and CSV', async () => {
    signIn('token-9', parkAdmin)
    const calls = fakeApi({
      'GET /api/park-stats': (call) =>
        call.url.includes('month=2026-10')
          ? { status: 200, body: stats('2026-10') }
          : { status: 200, body: stats() },
    })
    const copied = jest
      .spyOn(Taro, 'setClipboardData')
      .mockResolvedValue({ errMsg: 'setClipboardData:ok', data: '' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const { container } = render(<ParkStatsPage />)
    await screen.findByText('2026年11月')
    expect(container.querySelectorAll('canvas.chart-canvas').length).toBeGreaterThanOrEqual(6)
    expect(screen.getByText('党的组织覆盖率')).toBeInTheDocument()
    expect(screen.getByText(/组织覆盖还差 3 家,工作覆盖还差 1 家/)).toBeInTheDocument()
    expect(screen.getByText('尚未建立党组织的运营企业(2)')).toBeInTheDocument()
    expect(screen.getByText('未选派指导员')).toBeInTheDocument()
    expect(screen.getByText('指导员 陈卫国')).toBeInTheDocument()

    // The gauge's numbers as a table.
    const gauge = screen.getByText('党的组织覆盖率').closest('.chart-card') as HTMLElement
    fireEvent.click(gauge.querySelector('.chart-card__action') as HTMLElement)
    expect(gauge.querySelector('.chart-card__table')).toHaveTextContent('组织覆盖率84.2%')
    expect(gauge.querySelector('.chart-card__table')).toHaveTextContent('目标90.0%')

    // The trend's numbers as CSV.
    const trend = screen.getByText('覆盖率趋势(近12个月)').closest('.chart-card') as HTMLElement
    fireEvent.click(trend.querySelectorAll('.chart-card__action')[1] as HTMLElement)
    await waitFor(() => expect(copied).toHaveBeenCalled())
    const csv = copied.mock.calls[0]![0].data
    expect(csv.split('\r\n')[0]).toBe('月份,运营企业,组织覆盖率,工作覆盖率')
    expect(csv.split('\r\n')).toHaveLength(13)
    expect(csv).toContain('2025-12,19,55.0%,60.0%')

    fireEvent.click(screen.getByText('‹ 上月'))
    await screen.findByText('2026年10月')
    expect(calls[calls.length - 1]!.url).toContain('month=2026-10')
  })

  it('is for park admins only', () => {
    signIn('token-2', secretary)
    render(<ParkStatsPage />)
    expect(screen.getByText('仅园区管理员可以查看园区数据')).toBeInTheDocument()
  })
})
