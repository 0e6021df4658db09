import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import LoginPage from '@/pages/login'
import { getSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { demoUsers, member } from '../fixtures'

describe('登录（演示账号）', () => {
  let switchTab: jest.SpyInstance

  beforeEach(() => {
    switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists the demo users by name, grouped by role, with their branch', async () => {
    fakeApi({ 'GET /api/auth/demo-users': { status: 200, body: demoUsers } })
    const { container } = render(<LoginPage />)
    expect(await screen.findByText('林晓帆')).toBeInTheDocument()

    const titles = Array.from(container.querySelectorAll('.demo-group__title')).map((el) => el.textContent)
    expect(titles).toEqual(['园区管理员（1）', '支部书记（1）', '企业CEO（1）', '党员群众（1）'])
    expect(container.querySelectorAll('.demo-user')).toHaveLength(4)
    const secretary = screen.getByText('陈书记').closest('.demo-user')
    expect(secretary).toHaveTextContent('支部书记 · 云栈科技党支部')
  })

  it('filters by name or branch', async () => {
    fakeApi({ 'GET /api/auth/demo-users': { status: 200, body: demoUsers } })
    const { container } = render(<LoginPage />)
    await screen.findByText('林晓帆')
    const input = container.querySelector('.login-panel__search-input') as HTMLElement
    // Taro's Input reports what was typed in `event.detail.value`.
    fireEvent(input, new CustomEvent('input', { bubbles: true, detail: { value: '云栈' } }))
    await waitFor(() => expect(container.querySelectorAll('.demo-user')).toHaveLength(2))
  })

  it('logs in with a tap: stores the session and opens 首页', async () => {
    const calls = fakeApi({
      'GET /api/auth/demo-users': { status: 200, body: demoUsers },
      'POST /api/auth/demo-login': { status: 200, body: { token: 'token-7', user: member } },
    })
    render(<LoginPage />)
    fireEvent.click(await screen.findByText('林晓帆'))

    await waitFor(() => expect(getSession()).toEqual({ token: 'token-7', user: member }))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ userId: 7 })
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('says 演示登录未开启 when the server has demo login off', async () => {
    fakeApi({})
    render(<LoginPage />)
    expect(await screen.findByText('演示登录未开启')).toBeInTheDocument()
  })
})
