import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import CourseEditPage from '@/packages/admin/course-edit'
import CourseManagePage from '@/packages/admin/course-manage'
import { describeWeekly, initialWeekly } from '@/packages/admin/schedule'
import { fakeApi } from '../fake-fetch'
import { courseDetail, session } from '../course-fixtures'
import { member, secretary, signIn } from '../fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

function route(path: string, params: Record<string, string> = {}) {
  ;(Current as { router: unknown }).router = { params, path }
}

describe('课程管理 on the phone', () => {
  let navigateTo: jest.SpyInstance
  let showToast: jest.SpyInstance

  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
    showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    // Under jsdom the input web component has no inner <input> for a controlled value to go to.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('says the weekly rule back in words, from today on today’s weekday', () => {
    // 2026-11-25 is a Wednesday in the park.
    const values = initialWeekly(Date.parse('2026-11-25T02:00:00.000Z'))
    expect(values).toMatchObject({ weekday: 3, time: '19:00', from: '2026-11-25' })
    expect(describeWeekly({ ...values, count: '6' })).toBe('每周三 19:00，共 6 次，每次 90 分钟')
  })

  it('a secretary creates a course with a weekly rule; the server makes the sessions', async () => {
    signIn('token-2', secretary)
    route('/packages/admin/course-edit/index')
    const calls = fakeApi({
      'POST /api/courses': { status: 201, body: courseDetail({ id: 41, canManage: true }) },
    })
    const { container } = render(<CourseEditPage />)
    expect(screen.getByText('本支部：云栈科技党支部')).toBeInTheDocument()
    fire(container.querySelector('.course-form__title') as Element, 'input', '青年党员读书班')
    fire(container.querySelector('.weekly-fields__count') as Element, 'input', '3')
    const [weekday, time, from] = Array.from(container.querySelectorAll('.weekly-fields taro-picker-core'))
    fire(weekday!, 'change', 2)
    fire(time!, 'change', '19:30')
    fire(from!, 'change', '2026-12-01')
    expect(container.querySelector('.weekly-fields__summary')).toHaveTextContent(
      '每周三 19:30，共 3 次，每次 90 分钟',
    )

    // Without a venue the phone says what is missing and sends nothing.
    fireEvent.click(screen.getByText('创建课程'))
    expect(showToast).toHaveBeenCalledWith({ title: '请填写上课地点', icon: 'none' })
    fire(container.querySelector('.course-form__venue') as Element, 'input', '党群服务中心')
    fire(container.querySelector('.course-form__lecturer') as Element, 'input', '郑老师')
    fireEvent.click(screen.getByText('创建课程'))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      title: '青年党员读书班',
      kind: 'training',
      description: '',
      capacity: 30,
      enrolmentOpen: true,
      recurrence: {
        weekday: 3,
        time: '19:30',
        from: '2026-12-01',
        count: 3,
        durationMinutes: 90,
        venue: '党群服务中心',
        lecturer: '郑老师',
      },
    })
  })

  it('manages a course: one tap to the sign-in screen, and the server’s 409 when a session had attendance', async () => {
    signIn('token-2', secretary)
    route('/packages/admin/course-manage/index', { id: '7' })
    const course = courseDetail({
      id: 7,
      canManage: true,
      sessions: [
        session({ id: 21, checkinStatus: 'open' }),
        session({
          id: 22,
          checkinStatus: 'not_open',
          cancelledAt: '2026-11-20T00:00:00.000Z',
          cancelReason: '讲师出差',
        }),
      ],
      materials: [{ id: 5, title: '导读', summary: '', readMinutes: 4 }],
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const calls = fakeApi({
      'GET /api/courses/7': { status: 200, body: course },
      'DELETE /api/sessions/21': {
        status: 409,
        body: {
          error: {
            code: 'HAS_ATTENDANCE',
            message: '该场次已有签到或请假记录,不能删除;可以取消该场次并说明原因',
          },
        },
      },
    })
    const { container } = render(<CourseManagePage />)
    await waitFor(() => expect(container.querySelector('.manage-session')).not.toBeNull())
    expect(container.querySelector('.manage-material')).toHaveTextContent('阅读约4分钟')
    const [first, cancelled] = Array.from(container.querySelectorAll('.manage-session'))
    expect(cancelled).toHaveTextContent('已取消')
    expect(cancelled).toHaveTextContent('取消原因：讲师出差')
    expect(cancelled!.querySelector('.manage-session__screen')).toBeNull()
    fireEvent.click(first!.querySelector('.manage-session__screen') as Element)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/screen/index?sessionId=21' })

    fireEvent.click(first!.querySelector('.manage-session__delete') as Element)
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该场次已有签到或请假记录,不能删除;可以取消该场次并说明原因' }),
      ),
    )
  })

  it('tells a member the page is not theirs', async () => {
    signIn('token-1', member)
    route('/packages/admin/course-manage/index', { id: '7' })
    fakeApi({})
    render(<CourseManagePage />)
    expect(screen.getByText('仅支部书记和园区管理员可以管理课程')).toBeInTheDocument()
  })
})
