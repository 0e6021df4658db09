import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CourseDetail } from '../../../types/api'
import CourseDetailPage from '@/packages/study/course'
import { saveSession } from '@/stores/session'
import { APP_EVENTS } from '@/utils/events'
import { fakeApi } from '../fake-fetch'
import { CHECKIN_NOW, courseDetail, session } from '../course-fixtures'
import { member, secretary } from '../fixtures'

function openPage(id = 3) {
  ;(Current as { router: unknown }).router = {
    params: { id: String(id) },
    path: '/packages/study/course/index',
  }
  return render(<CourseDetailPage />)
}

const action = (container: HTMLElement) => container.querySelector('.course-detail__action')
const state = (container: HTMLElement) => container.querySelector('.course-detail__state')

describe('课程详情', () => {
  let showToast: jest.SpyInstance
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    jest.useFakeTimers({
      now: CHECKIN_NOW - 2 * 60 * 60_000,
      doNotFake: ['setTimeout', 'setInterval', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    saveSession('token-1', member)
    showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('shows the description, each session with my attendance, and the materials', async () => {
    fakeApi({
      'GET /api/courses/3': {
        status: 200,
        body: courseDetail({
          sessions: [
            session({ id: 1, myAttendance: 'present' }),
            session({ id: 2, myAttendance: 'late' }),
            session({ id: 3, myAttendance: 'leave' }),
            session({ id: 4, myAttendance: 'absent' }),
            session({ id: 5, myAttendance: null }),
          ],
        }),
      },
    })
    const { container } = openPage()
    expect(await screen.findByText('党务工作者培训班')).toBeInTheDocument()
    expect(container.querySelector('.course-detail__kind')).toHaveTextContent('党务培训')
    expect(container.querySelector('.course-detail__organiser')).toHaveTextContent('园区')
    expect(screen.getByText('每次授课现场扫码签到。')).toBeInTheDocument()
    const rows = container.querySelectorAll('.course-session')
    expect(
      Array.from(rows).map((row) => row.querySelector('.course-session__attendance')?.textContent),
    ).toEqual(['已签到', '迟到', '请假', '缺勤', '—'])
    expect(rows[0]).toHaveTextContent('11月24日 周二 14:00–16:00')
    expect(rows[0]).toHaveTextContent('园区党群服务中心多功能厅')
    expect(rows[0]).toHaveTextContent('区委党校 郑老师')
    // Organiser links only for organisers.
    expect(container.querySelector('.course-session__tool')).toBeNull()

    const material = container.querySelector('.course-material') as HTMLElement
    expect(material).toHaveTextContent('“三会一课”组织规范')
    expect(material).toHaveTextContent('约8分钟')
    fireEvent.click(material)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/study/material/index?id=9' })
  })

  it('报名学习 enrols, shows 已报名 and tells the list', async () => {
    let enrolled = false
    const calls = fakeApi({
      'GET /api/courses/3': () => ({
        status: 200,
        body: enrolled ? courseDetail({ enrolled: true, enrolledCount: 37 }) : courseDetail(),
      }),
      'POST /api/courses/3/enroll': () => {
        enrolled = true
        return { status: 201, body: { courseId: 3, status: 'enrolled', enrolledCount: 37 } }
      },
    })
    const changed = jest.fn()
    Taro.eventCenter.on(APP_EVENTS.courseChanged, changed)
    const { container } = openPage()
    await waitFor(() => expect(action(container)).toHaveTextContent('报名学习'))
    expect(container.querySelector('.course-detail__hint')).toHaveTextContent('剩余84个名额')

    fireEvent.click(action(container) as Element)
    await waitFor(() => expect(state(container)).toHaveTextContent('已报名'))
    expect(action(container)).toBeNull()
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1)
    await waitFor(() =>
      expect(container.querySelector('.course-detail__places')).toHaveTextContent('已报名 37/120'),
    )
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ id: 3, enrolled: true }))
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' }))
    Taro.eventCenter.off(APP_EVENTS.courseChanged, changed)
  })

  it('409 ALREADY_ENROLLED (enrolled on another device) shows 已报名', async () => {
    let answered = false
    fakeApi({
      'GET /api/courses/3': () => ({ status: 200, body: courseDetail({ enrolled: answered }) }),
      'POST /api/courses/3/enroll': () => {
        answered = true
        return { status: 409, body: { error: { code: 'ALREADY_ENROLLED', message: '你已报名该课程' } } }
      },
    })
    const { container } = openPage()
    await waitFor(() => expect(action(container)).toHaveTextContent('报名学习'))
    fireEvent.click(action(container) as Element)
    await waitFor(() => expect(state(container)).toHaveTextContent('已报名'))
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已报名' }))
  })

  it('422 COURSE_FULL shows 名额已满 and offers no enrolment', async () => {
    let full: CourseDetail = courseDetail({ enrolledCount: 119 })
    fakeApi({
      'GET /api/courses/3': () => ({ status: 200, body: full }),
      'POST /api/courses/3/enroll': () => {
        full = courseDetail({ enrolledCount: 120 })
        return { status: 422, body: { error: { code: 'COURSE_FULL', message: '课程名额已满' } } }
      },
    })
    const { container } = openPage()
    await waitFor(() => expect(action(container)).toHaveTextContent('报名学习'))
    fireEvent.click(action(container) as Element)
    await waitFor(() => expect(action(container)).toHaveTextContent('名额已满'))
    expect(action(container)).toHaveAttribute('disabled')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '名额已满' }))
    expect(state(container)).toBeNull()
  })

  it('gives organisers the 签到屏 and 考勤 of each session', async () => {
    saveSession('token-2', secretary)
    fakeApi({ 'GET /api/courses/3': { status: 200, body: courseDetail({ canManage: true }) } })
    const { container } = openPage()
    await screen.findByText('党务工作者培训班')
    const tools = container.querySelectorAll('.course-session')[1].querySelectorAll('.course-session__tool')
    fireEvent.click(tools[0])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/screen/index?sessionId=5' })
    fireEvent.click(tools[1])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/attendance/index?sessionId=5' })
  })

  it('shows an error with 重试 when the course cannot be loaded', async () => {
    fakeApi({
      'GET /api/courses/3': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: '课程不存在或无权查看' } },
      },
    })
    openPage()
    expect(await screen.findByText('课程不存在或无权查看')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})
