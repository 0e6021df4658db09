import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MessagesPage from '@/packages/me/messages'
import MePage from '@/pages/me'
import { saveSession } from '@/stores/session'
import type { Notification } from '../../../types/api'
import { fakeApi } from '../fake-fetch'
import { member, meSummary } from '../fixtures'

function message(id: number, overrides: Partial<Notification> = {}): Notification {
  return {
    id,
    kind: 'waitlist_promoted',
    title: '候补成功,已为您报名',
    body: `您候补的活动「青创沙龙${id}」有名额空出,已自动为您报名。`,
    link: `/packages/event/detail/index?id=${id}`,
    eventId: id,
    createdAt: '2026-11-24T06:00:00.000Z',
    read: false,
    ...overrides,
  }
}

describe('我的 → 消息', () => {
  let navigateTo: jest.SpyInstance
  let setTabBarBadge: jest.SpyInstance
  let removeTabBarBadge: jest.SpyInstance

  beforeEach(() => {
    saveSession('token-7', member)
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    setTabBarBadge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' })
    removeTabBarBadge = jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists messages newest first with the unread ones marked, and badges the 我的 tab', async () => {
    fakeApi({
      'GET /api/me/notifications': {
        status: 200,
        body: {
          items: [
            message(3, {
              kind: 'session_soon',
              title: '培训 30 分钟后开始',
              link: '/packages/checkin/enter/index?sessionId=9',
            }),
            message(2, { read: true }),
          ],
          nextCursor: null,
          unreadCount: 1,
        },
      },
    })
    const { container } = render(<MessagesPage />)
    await screen.findByText('培训 30 分钟后开始')
    expect(container.querySelectorAll('.message')).toHaveLength(2)
    expect(container.querySelectorAll('.message--unread')).toHaveLength(1)
    expect(container.querySelector('.message--unread .message__kind')).toHaveTextContent('培训提醒')
    expect(container.querySelector('.messages-page__count')).toHaveTextContent('1 条未读')
    expect(setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '1' })
  })

  it('opens what a message is about and marks it read; 全部已读 marks the rest', async () => {
    const calls = fakeApi({
      'GET /api/me/notifications': {
        status: 200,
        body: {
          items: [
            message(5),
            message(4, { kind: 'join_request_decided', title: '入支部申请已通过', link: '/pages/me/index' }),
            message(3),
          ],
          nextCursor: null,
          unreadCount: 3,
        },
      },
      'POST /api/me/notifications/read': (call) => ({
        status: 200,
        body: (call.body as { all?: boolean }).all
          ? { marked: 1, unreadCount: 0 }
          : { marked: 1, unreadCount: 2 },
      }),
    })
    const { container } = render(<MessagesPage />)
    await screen.findAllByText('候补成功,已为您报名')
    fireEvent.click(container.querySelectorAll('.message')[0]!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/event/detail/index?id=5' })
    await waitFor(() => expect(container.querySelectorAll('.message--unread')).toHaveLength(2))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ ids: [5] })

    // A tab page is switched to, not pushed.
    fireEvent.click(screen.getByText('入支部申请已通过'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })

    fireEvent.click(screen.getByText('全部已读'))
    await waitFor(() => expect(container.querySelectorAll('.message--unread')).toHaveLength(0))
    expect(calls.filter((call) => call.method === 'POST').at(-1)?.body).toEqual({ all: true })
    expect(container.querySelector('.messages-page__count')).toHaveTextContent('没有未读消息')
    expect(removeTabBarBadge).toHaveBeenCalledWith({ index: 3 })
  })

  it('loads the next page at the bottom, until there is no more', async () => {
    const first = Array.from({ length: 20 }, (_, i) => message(40 - i, { read: true }))
    const calls = fakeApi({
      'GET /api/me/notifications': (call) =>
        call.url.includes('cursor=')
          ? {
              status: 200,
              body: {
                items: [message(1, { title: '最早的一条', read: true })],
                nextCursor: null,
                unreadCount: 0,
              },
            }
          : { status: 200, body: { items: first, nextCursor: 'next', unreadCount: 0 } },
    })
    const { container } = render(<MessagesPage />)
    await waitFor(() => expect(container.querySelectorAll('.message')).toHaveLength(20))
    // Reaching the bottom loads more; the footer's 加载更多 does the same.
    fireEvent.click(screen.getByText('加载更多'))
    await waitFor(() => expect(calls.some((call) => call.url.includes('cursor=next'))).toBe(true), {
      timeout: 3000,
    })
    await screen.findByText('最早的一条')
    expect(container.querySelectorAll('.message')).toHaveLength(21)
    expect(screen.getByText('没有更多了')).toBeInTheDocument()
  })

  it('says so when there is nothing', async () => {
    fakeApi({
      'GET /api/me/notifications': { status: 200, body: { items: [], nextCursor: null, unreadCount: 0 } },
    })
    render(<MessagesPage />)
    await screen.findByText('暂无消息')
  })

  it('shows the unread count on 我的 and opens 消息', async () => {
    fakeApi({
      'GET /api/me': { status: 200, body: member },
      'GET /api/me/summary': { status: 200, body: meSummary(member) },
      'GET /api/me/notifications/unread-count': { status: 200, body: { count: 4 } },
    })
    const { container } = render(<MePage />)
    await waitFor(() => expect(container.querySelector('.menu-item--messages')).toHaveTextContent('4 条未读'))
    expect(setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '4' })
    fireEvent.click(screen.getByText('消息'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/me/messages/index' })
  })
})
