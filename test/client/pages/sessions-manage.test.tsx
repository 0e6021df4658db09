import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import SessionsManagePage from '@/packages/admin/sessions'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { CHECKIN_NOW, course, courseDetail } from '../course-fixtures'
import { member, secretary } from '../fixtures'

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

  it('lists the sessions of my branch’s courses, each with 打开签到屏 and 考勤', async () => {
    saveSession('token-2', secretary)
    const branch = { id: 3, name: '云栈科技党支部' }
    const calls = fakeApi({
      'GET /api/courses': {
        status: 200,
        body: {
          items: [course({ branch, canManage: true }), course({ id: 8, title: '园区的课程', branch: null })],
          nextCursor: null,
        },
      },
      'GET /api/courses/3': { status: 200, body: courseDetail({ branch, canManage: true }) },
    })
    const { container } = render(<SessionsManagePage />)
    await screen.findByText('进行中与即将开始（1）')
    // A park-wide course is not a secretary's to run: not even opened.
    expect(calls.some((call) => call.url.includes('/api/courses/8'))).toBe(false)

    const [upcoming, past] = Array.from(container.querySelectorAll('.managed-session'))
    expect(upcoming).toHaveTextContent('签到中')
    expect(upcoming).toHaveTextContent('11月24日 周二 14:00–16:00')
    expect(past).toHaveTextContent('已结束')
    expect(past.querySelector('.managed-session__screen')).toBeNull()

    fireEvent.click(upcoming.querySelector('.managed-session__screen') as Element)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/screen/index?sessionId=5' })
    fireEvent.click(upcoming.querySelector('.managed-session__attendance') as Element)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/attendance/index?sessionId=5' })
  })

  it('is for secretaries and park admins only', async () => {
    saveSession('token-1', member)
    render(<SessionsManagePage />)
    await waitFor(() => expect(screen.getByText('仅支部书记和园区管理员可以管理签到')).toBeInTheDocument())
  })

  it('says so when there are no sessions', async () => {
    saveSession('token-2', secretary)
    fakeApi({ 'GET /api/courses': { status: 200, body: { items: [], nextCursor: null } } })
    render(<SessionsManagePage />)
    expect(await screen.findByText('暂无培训场次')).toBeInTheDocument()
  })
})
