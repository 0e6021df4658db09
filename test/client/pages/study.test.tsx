import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import StudyPage from '@/pages/study'
import { enqueueCheckin } from '@/stores/offline-checkins'
import { saveSession } from '@/stores/session'
import { APP_EVENTS } from '@/utils/events'
import { fakeApi } from '../fake-fetch'
import { CHECKIN_NOW, course } from '../course-fixtures'
import { member } from '../fixtures'

describe('学习', () => {
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    jest.useFakeTimers({
      now: CHECKIN_NOW,
      doNotFake: ['setTimeout', 'setInterval', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    saveSession('token-1', member)
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('lists courses with kind, organiser, next session, places and my enrolment', async () => {
    fakeApi({
      'GET /api/courses': {
        status: 200,
        body: {
          items: [
            course(),
            course({
              id: 4,
              title: '学习贯彻党的二十大精神专题',
              kind: 'study',
              enrolled: true,
              branch: { id: 3, name: '云栈科技党支部' },
              nextSessionAt: '2026-11-27T07:00:00.000Z',
            }),
          ],
          nextCursor: null,
        },
      },
    })
    const { container } = render(<StudyPage />)
    await screen.findByText('党务工作者培训班')
    const cards = container.querySelectorAll('.course-card')
    expect(cards).toHaveLength(2)
    expect(cards[0]).toHaveTextContent('党务培训')
    expect(cards[0]).toHaveTextContent('下次课 11月24日 周二 14:00 · 10分钟后')
    expect(cards[0]).toHaveTextContent('已报名 36/120')
    expect(cards[1]).toHaveTextContent('学习课程')
    expect(cards[1]).toHaveTextContent('云栈科技党支部')
    expect(cards[1].querySelector('.course-card__state')).toHaveTextContent('已报名')

    fireEvent.click(cards[1])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/study/course/index?id=4' })
  })

  it('puts 签到 at the top; in the browser it opens the short-code page', async () => {
    fakeApi({ 'GET /api/courses': { status: 200, body: { items: [], nextCursor: null } } })
    const { container } = render(<StudyPage />)
    expect(await screen.findByText('暂无课程')).toBeInTheDocument()
    const button = container.querySelector('.checkin-entry__button') as HTMLElement
    expect(button).toHaveTextContent('签到')
    fireEvent.click(button)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/enter/index' })
  })

  it('says how many sign-ins wait offline, and updates when they are sent', async () => {
    enqueueCheckin({
      credential: { code: 'AQAAAAUDnKQj9mI2c0Xo1u7aVgWx' },
      scannedAt: new Date(CHECKIN_NOW).toISOString(),
      idempotencyKey: 'k-1',
      userId: member.id,
    })
    fakeApi({ 'GET /api/courses': { status: 200, body: { items: [course()], nextCursor: null } } })
    const { container } = render(<StudyPage />)
    expect(container.querySelector('.checkin-entry__pending')).toHaveTextContent('有1条离线签到待提交')

    // Sent by the app in the meantime.
    window.localStorage.removeItem('red-e-park:offline-checkins')
    act(() => {
      Taro.eventCenter.trigger(APP_EVENTS.offlineCheckinsSettled, [])
    })
    await waitFor(() => expect(container.querySelector('.checkin-entry__pending')).toBeNull())
  })

  it('shows the error with 重试 when the list cannot be loaded', async () => {
    fakeApi({
      'GET /api/courses': {
        status: 500,
        body: { error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } },
      },
    })
    render(<StudyPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})
