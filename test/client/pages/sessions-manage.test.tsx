import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import SessionsManagePage from '@/packages/admin/sessions'
import { fakeApi } from '../fake-fetch'
import { CHECKIN_NOW, sessionItem } from '../course-fixtures'
import { member, secretary, signIn } from '../fixtures'

describe('签到管理', () => {
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    jest.useFakeTimers({
      now: CHECKIN_NOW,
      doNotFake: ['setTimeout', 'setInterval', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('lists every session the server says I run, each with 打开签到屏 and 考勤, one request a list', async () => {
    signIn('token-2', secretary)
    const branch = { id: 3, name: '云栈科技党支部' }
    const calls = fakeApi({
      'GET /api/sessions': (call) =>
        call.url.includes('when=past')
          ? {
              status: 200,
              body: {
                items: [sessionItem({ id: 4, branch, canManage: true, checkinStatus: 'closed' })],
                nextCursor: null,
              },
            }
          : { status: 200, body: { items: [sessionItem({ branch, canManage: true })], nextCursor: null } },
    })
    const { container } = render(<SessionsManagePage />)
    await waitFor(() => expect(container.querySelector('.managed-session')).not.toBeNull())
    expect(calls.map((call) => call.url)).toEqual(['/api/sessions?managed=1&when=upcoming&limit=20'])
    const upcoming = container.querySelector('.managed-session') as HTMLElement
    expect(upcoming).toHaveTextContent('签到中')
    expect(upcoming).toHaveTextContent('11月24日 周二 14:00–16:00')
    fireEvent.click(upcoming.querySelector('.managed-session__screen') as Element)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/screen/index?sessionId=5' })
    fireEvent.click(upcoming.querySelector('.managed-session__attendance') as Element)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/attendance/index?sessionId=5' })

    fireEvent.click(screen.getByText('已结束'))
    await waitFor(() => expect(container.querySelector('.managed-session')).toHaveTextContent('已结束'))
    expect(container.querySelector('.managed-session__screen')).toBeNull()
  })

  it('shows the server’s refusal to a member', async () => {
    signIn('token-1', member)
    fakeApi({
      'GET /api/sessions': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '只有支部书记或园区管理员可以管理签到' } },
      },
    })
    render(<SessionsManagePage />)
    expect(await screen.findByText('只有支部书记或园区管理员可以管理签到')).toBeInTheDocument()
  })

  it('says so when there are no sessions', async () => {
    signIn('token-2', secretary)
    fakeApi({ 'GET /api/sessions': { status: 200, body: { items: [], nextCursor: null } } })
    render(<SessionsManagePage />)
    expect(await screen.findByText('暂无即将开始的培训场次')).toBeInTheDocument()
  })
})
