import Taro from '@tarojs/taro'
import { render, screen, waitFor } from '@testing-library/react'
import App from '@/app'
import EventsPage from '@/pages/events'
import HomePage from '@/pages/home'
import StudyPage from '@/pages/study'
import { fakeApi } from '../fake-fetch'
import { announcement, member, signIn } from '../fixtures'

const categories = [{ code: 'salon', name: '青创沙龙' }]

function api() {
  return fakeApi({
    'GET /api/announcements/unread-count': { status: 200, body: { count: 3 } },
    'GET /api/me/notifications/unread-count': { status: 200, body: { count: 120 } },
    'GET /api/announcements': {
      status: 200,
      body: { items: [announcement({ id: 1, title: '园区通知' })], nextCursor: null },
    },
    'GET /api/categories': { status: 200, body: categories },
    'GET /api/events': { status: 200, body: { items: [], nextCursor: null } },
    'GET /api/courses': { status: 200, body: { items: [], nextCursor: null } },
  })
}

const count = (calls: ReturnType<typeof api>, path: string) =>
  calls.filter((call) => new URL(call.url, 'http://localhost').pathname === path).length

describe('the tab bar badges', () => {
  let setTabBarBadge: jest.SpyInstance

  beforeEach(() => {
    signIn(`token-${Math.random()}`, member)
    setTabBarBadge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
    jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it.each([
    ['活动', EventsPage],
    ['学习', StudyPage],
  ])('show on a cold start from %s, not only from 首页', async (_name, Page) => {
    const calls = api()
    render(
      <App>
        <Page />
      </App>,
    )
    await waitFor(() => expect(setTabBarBadge).toHaveBeenCalledWith({ index: 0, text: '3' }))
    await waitFor(() => expect(setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '99+' }))
    expect(count(calls, '/api/announcements/unread-count')).toBe(1)
    expect(count(calls, '/api/me/notifications/unread-count')).toBe(1)
  })

  it('are fetched once on 首页, whose header shows the same count', async () => {
    const calls = api()
    const { container } = render(
      <App>
        <HomePage />
      </App>,
    )
    expect(await screen.findByText('园区通知')).toBeInTheDocument()
    await waitFor(() => expect(container.querySelector('.unread-badge')).toHaveTextContent('3'))
    expect(setTabBarBadge).toHaveBeenCalledWith({ index: 0, text: '3' })
    expect(count(calls, '/api/announcements/unread-count')).toBe(1)
    expect(count(calls, '/api/me/notifications/unread-count')).toBe(1)
  })
})
