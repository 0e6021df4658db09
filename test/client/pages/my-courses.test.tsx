import Taro from '@tarojs/taro'
import { render, screen, waitFor } from '@testing-library/react'
import MyCoursesPage from '@/packages/me/courses'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member } from '../fixtures'
import { courseDetail } from '../points-fixtures'

describe('我的课程', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: Date.parse('2026-11-25T06:00:00.000Z'),
      doNotFake: ['setTimeout', 'setInterval', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    saveSession('token-7', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('lists the courses I enrolled in with my attendance at each session, in one request', async () => {
    const { materials: _m, ...course } = courseDetail()
    const calls = fakeApi({
      'GET /api/me/courses': {
        status: 200,
        // The server's own tally, which the page shows as it is.
        body: { items: [{ ...course, attendance: { attended: 2, held: 3 } }], nextCursor: null },
      },
    })
    const { container } = render(<MyCoursesPage />)
    await screen.findByText('新时代党支部书记履职能力培训')
    expect(calls.map((call) => call.url)).toEqual(['/api/me/courses?limit=20'])

    expect(container.querySelector('.my-course__summary')).toHaveTextContent('出勤 2/3')
    const sessions = container.querySelectorAll('.course-session')
    expect(sessions).toHaveLength(3)
    expect(sessions[0]).toHaveTextContent('已签到')
    expect(sessions[1]).toHaveTextContent('迟到')
    expect(sessions[2]).toHaveTextContent('未开始')
    expect(sessions[2]).toHaveTextContent('11月28日 周六 14:00–16:00')
  })

  it('says where to find courses when there are none', async () => {
    fakeApi({ 'GET /api/me/courses': { status: 200, body: { items: [], nextCursor: null } } })
    render(<MyCoursesPage />)
    await waitFor(() => expect(screen.queryByText('还没有报名的课程')).not.toBeNull())
    expect(screen.getByText('去学习')).toBeInTheDocument()
  })
})
