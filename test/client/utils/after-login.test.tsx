import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import LoginPage from '@/pages/login'
import { redirectToLogin } from '@/utils/auth-redirect'
import { fakeApi } from '../fake-fetch'
import { demoUsers, member } from '../fixtures'

// A link opened logged out: the page's guard sends the visitor to login, and login sends them back.
describe('a deep link opened while logged out', () => {
  let switchTab: jest.SpyInstance
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    fakeApi({
      'GET /api/auth/demo-users': { status: 200, body: demoUsers },
      'POST /api/auth/demo-login': { status: 200, body: { token: 'token-7', user: member } },
    })
  })
  afterEach(() => jest.restoreAllMocks())

  async function logIn() {
    render(<LoginPage />)
    fireEvent.click(await screen.findByText('林晓帆'))
  }

  async function redirectFrom(page: object) {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([page] as ReturnType<typeof Taro.getCurrentPages>)
    redirectToLogin()
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  }

  it('lands on the notice after login, over 首页 (mini-program: route and options)', async () => {
    await redirectFrom({ route: 'packages/notice/detail/index', options: { id: '7' } })
    await logIn()
    await waitFor(() =>
      expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/notice/detail/index?id=7' }),
    )
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('lands on the event after login (H5: the path carries the query, the router stamp is dropped)', async () => {
    await redirectFrom({
      route: 'packages/event/detail/index',
      path: '/packages/event/detail/index?id=12&stamp=3',
    })
    await logIn()
    await waitFor(() =>
      expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/event/detail/index?id=12' }),
    )
  })

  it('lands on the notice after login (H5: the stack has no query, the router has the params)', async () => {
    ;(Current as { router: unknown }).router = { path: '/packages/notice/detail/index', params: { id: '4' } }
    await redirectFrom({ route: 'packages/notice/detail/index', path: '/packages/notice/detail/index' })
    await logIn()
    await waitFor(() =>
      expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/notice/detail/index?id=4' }),
    )
  })

  it('switches to a tab page it was opened on, and the next login starts from 首页', async () => {
    await redirectFrom({ route: 'pages/events/index', options: {} })
    await logIn()
    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/events/index' }))
    expect(navigateTo).not.toHaveBeenCalled()
  })
})
