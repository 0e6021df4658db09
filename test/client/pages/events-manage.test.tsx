import Taro from '@tarojs/taro'
import { render, screen, waitFor } from '@testing-library/react'
import ManageEventsPage from '@/packages/admin/events'
import { fakeApi } from '../fake-fetch'
import { event, member, secretary, signIn } from '../fixtures'

describe('活动管理', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows every event the server says I organise, not a filtered page of all events', async () => {
    signIn('token-2', secretary)
    const branch = { id: 3, name: '云栈科技党支部' }
    const calls = fakeApi({
      'GET /api/events': {
        status: 200,
        body: {
          items: [
            event({ id: 31, title: '支部活动一', branch, canManage: true }),
            event({ id: 32, title: '支部活动二', branch, canManage: true }),
          ],
          nextCursor: null,
        },
      },
    })
    render(<ManageEventsPage />)
    expect(await screen.findByText('支部活动一')).toBeInTheDocument()
    expect(screen.getByText('支部活动二')).toBeInTheDocument()
    expect(calls.filter((call) => call.url.startsWith('/api/events'))).toEqual([
      expect.objectContaining({ url: '/api/events?when=upcoming&managed=1&limit=20' }),
    ])
    expect(screen.getByText('云栈科技党支部的活动')).toBeInTheDocument()
  })

  it('shows a member the server’s refusal', async () => {
    signIn('token-1', member)
    fakeApi({
      'GET /api/events': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '只有支部书记或园区管理员可以管理活动' } },
      },
    })
    render(<ManageEventsPage />)
    await waitFor(() => expect(screen.getByText('只有支部书记或园区管理员可以管理活动')).toBeInTheDocument())
  })
})
