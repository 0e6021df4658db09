import Taro from '@tarojs/taro'
import { render, screen, waitFor } from '@testing-library/react'
import HomePage from '@/pages/home'
import { fakeApi } from '../fake-fetch'
import { announcement, member, signIn } from '../fixtures'

describe('首页', () => {
  let setTabBarBadge: jest.SpyInstance

  beforeEach(() => {
    signIn('token-1', member)
    setTabBarBadge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
    jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the park header, the notices pinned first and the unread count', async () => {
    const calls = fakeApi({
      'GET /api/announcements': {
        status: 200,
        body: {
          items: [
            announcement({ id: 9, title: '园区党建工作要点', pinned: true, read: true }),
            announcement({
              id: 8,
              title: '支部书记培训报名',
              scope: 'branch',
              branch: { id: 3, name: '云栈科技党支部' },
            }),
          ],
          nextCursor: null,
        },
      },
      'GET /api/announcements/unread-count': { status: 200, body: { count: 2 } },
    })
    const { container } = render(<HomePage />)

    expect(screen.getByText('红e园区')).toBeInTheDocument()
    expect(screen.getByText('湖里创新园互联网行业联合党委')).toBeInTheDocument()
    expect(await screen.findByText('园区党建工作要点')).toBeInTheDocument()

    const cards = container.querySelectorAll('.announcement-card')
    expect(cards).toHaveLength(2)
    expect(cards[0]).toHaveTextContent('置顶')
    expect(cards[1]).toHaveClass('announcement-card--unread')
    expect(cards[1]).toHaveTextContent('云栈科技党支部')
    expect(screen.getByText('没有更多了')).toBeInTheDocument()

    await waitFor(() => expect(container.querySelector('.unread-badge')).toHaveTextContent('2'))
    expect(setTabBarBadge).toHaveBeenCalledWith({ index: 0, text: '2' })
    expect(calls.every((call) => call.headers.Authorization === 'Bearer token-1')).toBe(true)
  })

  it('says so when there are no notices', async () => {
    fakeApi({
      'GET /api/announcements': { status: 200, body: { items: [], nextCursor: null } },
      'GET /api/announcements/unread-count': { status: 200, body: { count: 0 } },
    })
    const { container } = render(<HomePage />)
    expect(await screen.findByText('暂无通知')).toBeInTheDocument()
    expect(container.querySelector('.unread-badge')).toBeNull()
  })

  it('shows the error with 重试, and 重试 loads again', async () => {
    let fail = true
    fakeApi({
      'GET /api/announcements': () =>
        fail
          ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务维护中，请稍后再试' } } }
          : { status: 200, body: { items: [announcement({ title: '恢复后的通知' })], nextCursor: null } },
      'GET /api/announcements/unread-count': { status: 200, body: { count: 1 } },
    })
    render(<HomePage />)
    expect(await screen.findByText('服务维护中，请稍后再试')).toBeInTheDocument()
    fail = false
    screen.getByText('重试').click()
    expect(await screen.findByText('恢复后的通知')).toBeInTheDocument()
  })

  it('sends a logged-out visitor to the login page', async () => {
    window.localStorage.clear()
    const reLaunch = Taro.reLaunch as unknown as jest.SpyInstance
    const { container } = render(<HomePage />)
    expect(container).toBeEmptyDOMElement()
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  })
})
