import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import PointsPage from '@/packages/me/points'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member } from '../fixtures'
import { pointsEntry, pointsRules } from '../points-fixtures'

const firstPage = {
  total: 12,
  today: 2,
  items: [
    pointsEntry({ id: 9, delta: 3, rule: 'attend_event', reason: '参加活动《青创沙龙第八期》' }),
    pointsEntry({ id: 8, delta: 1, reason: '阅读通知《关于开展主题党日活动的通知》' }),
  ],
  nextCursor: 'c2',
}
const secondPage = {
  total: 12,
  today: 2,
  items: [
    pointsEntry({
      id: 7,
      delta: 5,
      rule: 'training_present',
      reason: '参加培训《党支部书记履职能力培训》',
      createdAt: '2026-11-21T06:05:00.000Z',
    }),
  ],
  nextCursor: null,
}

describe('学习积分', () => {
  beforeEach(() => {
    saveSession('token-7', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows total and today, lists the history and loads more', async () => {
    const calls = fakeApi({
      'GET /api/me/points': (call) =>
        call.url.includes('cursor=c2') ? { status: 200, body: secondPage } : { status: 200, body: firstPage },
      'GET /api/points/rules': { status: 200, body: pointsRules },
    })
    const { container } = render(<PointsPage />)
    await screen.findByText('参加活动《青创沙龙第八期》')
    expect(container.querySelector('.points-summary__total')).toHaveTextContent('12')
    expect(container.querySelector('.points-summary__today')).toHaveTextContent('今日 +2')

    const rows = container.querySelectorAll('.points-item')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toHaveTextContent('+3')
    expect(rows[0]).toHaveTextContent('11月25日 周三 10:00')

    fireEvent.click(screen.getByText('加载更多'))
    await waitFor(() => expect(container.querySelectorAll('.points-item').length).toBe(3))
    expect(container.querySelectorAll('.points-item')[2]).toHaveTextContent(
      '参加培训《党支部书记履职能力培训》',
    )
    expect(container.querySelectorAll('.points-item')[2]).toHaveTextContent('+5')
    expect(screen.getByText('没有更多了')).toBeInTheDocument()
    expect(calls.filter((call) => call.url.includes('/api/me/points'))).toHaveLength(2)
  })

  it('lists the rules with their caps, and never a ranking', async () => {
    fakeApi({
      'GET /api/me/points': { status: 200, body: firstPage },
      'GET /api/points/rules': { status: 200, body: pointsRules },
    })
    const { container } = render(<PointsPage />)
    await screen.findByText('参加活动《青创沙龙第八期》')
    fireEvent.click(screen.getByText('积分规则'))
    const rules = container.querySelectorAll('.points-rule')
    expect(rules).toHaveLength(3)
    expect(rules[0]).toHaveTextContent('阅读通知公告')
    expect(rules[0]).toHaveTextContent('+1')
    expect(rules[0]).toHaveTextContent('每日上限5')
    expect(rules[0]).toHaveTextContent('每项一次')
    expect(rules[1]).not.toHaveTextContent('每项一次')
    expect(rules[2]).toHaveTextContent('+3')
    expect(rules[2]).not.toHaveTextContent('每日上限')
    expect(container.querySelector('.points-item')).toBeNull()
    expect(screen.queryByText(/排名第|排行榜/)).toBeNull()
  })

  it('says how to earn points when there are none yet', async () => {
    fakeApi({
      'GET /api/me/points': { status: 200, body: { total: 0, today: 0, items: [], nextCursor: null } },
      'GET /api/points/rules': { status: 200, body: pointsRules },
    })
    const { container } = render(<PointsPage />)
    expect(await screen.findByText('还没有积分记录')).toBeInTheDocument()
    expect(container.querySelector('.points-summary__total')).toHaveTextContent('0')
    fireEvent.click(screen.getByText('看看积分规则'))
    expect(await screen.findByText('阅读通知公告')).toBeInTheDocument()
  })
})
