import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { act, render, screen, waitFor } from '@testing-library/react'
import type { CheckinResult } from '../../../types/api'
import CheckinResultPage from '@/packages/checkin/result'
import { rememberCheckin } from '@/stores/checkin-results'
import { saveSession } from '@/stores/session'
import { checkinResultQuery, type CheckinOutcome } from '@/utils/checkin'
import { APP_EVENTS } from '@/utils/events'
import { sessionDetail } from '../course-fixtures'
import { fakeApi } from '../fake-fetch'
import { member } from '../fixtures'

/** Opens the page as the router would: with the query the check-in flow built. */
function openPage(outcome: CheckinOutcome) {
  const params = Object.fromEntries(new URLSearchParams(checkinResultQuery(outcome)))
  ;(Current as { router: unknown }).router = { params, path: '/packages/checkin/result/index' }
  return render(<CheckinResultPage />)
}

const title = (container: HTMLElement) => container.querySelector('.checkin-result__title')

describe('签到结果', () => {
  beforeEach(() => {
    saveSession('token-1', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  const answer = (overrides: Partial<CheckinResult> = {}): CheckinResult => ({
    sessionId: 5,
    courseTitle: '党务工作者培训班',
    checkedInAt: '2026-11-24T05:52:00.000Z',
    status: 'present',
    pointsAwarded: 5,
    offline: false,
    ...overrides,
  })

  it('签到成功 with the points gained, the course and the time, as the server answered', () => {
    rememberCheckin(answer())
    const { container } = openPage({ kind: 'done', sessionId: 5 })
    expect(title(container)).toHaveTextContent(/^签到成功$/)
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +5')
    expect(container.querySelector('.checkin-result__course')).toHaveTextContent('党务工作者培训班')
    expect(container.querySelector('.checkin-result__time')).toHaveTextContent('11月24日 周二 13:52')
    expect(container.querySelector('.checkin-result__again')).toBeNull()
  })

  it('迟到 says so, still with the points', () => {
    rememberCheckin(answer({ sessionId: 6, status: 'late', pointsAwarded: 3 }))
    const { container } = openPage({ kind: 'done', sessionId: 6 })
    expect(title(container)).toHaveTextContent(/^迟到$/)
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +3')
    expect(container).toHaveTextContent('开始10分钟后签到记为迟到')
  })

  it('a sign-in that arrived after its code expired: 已提交，待书记确认, no points', () => {
    rememberCheckin(answer({ sessionId: 7, status: 'pending', pointsAwarded: 0, offline: true }))
    const { container } = openPage({ kind: 'done', sessionId: 7 })
    expect(title(container)).toHaveTextContent(/^待书记确认$/)
    expect(container).toHaveTextContent('已提交，待书记确认')
    expect(container.querySelector('.checkin-result__points')).toBeNull()
  })

  it('after a reload asks the server what it recorded', async () => {
    fakeApi({
      'GET /api/sessions/8': {
        status: 200,
        body: sessionDetail({
          id: 8,
          myCheckin: {
            status: 'late',
            checkedInAt: '2026-11-24T06:15:00.000Z',
            offline: false,
            pointsAwarded: 3,
          },
        }),
      },
    })
    const { container } = openPage({ kind: 'done', sessionId: 8 })
    await waitFor(() => expect(title(container)).toHaveTextContent(/^迟到$/))
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +3')
  })

  it('never shows 签到成功 from a link alone: no record on the server, no success', async () => {
    fakeApi({ 'GET /api/sessions/9': { status: 200, body: sessionDetail({ id: 9, myCheckin: null }) } })
    ;(Current as { router: unknown }).router = {
      params: { outcome: 'done', session: '9', status: 'present', points: '5', course: '党务工作者培训班' },
      path: '/packages/checkin/result/index',
    }
    const { container } = render(<CheckinResultPage />)
    await waitFor(() => expect(title(container)).toHaveTextContent(/^没有签到记录$/))
    expect(container).not.toHaveTextContent('签到成功')
    expect(container.querySelector('.checkin-result__points')).toBeNull()
    expect(container.querySelector('.checkin-result__again')).not.toBeNull()
  })

  it.each([
    ['ALREADY_CHECKED_IN', '您已签到,无需重复签到', '已签到', false],
    ['CODE_EXPIRED', '二维码已过期,请扫描大屏上最新的二维码', '二维码已过期', true],
    ['CHECKIN_CLOSED', '不在签到时间:签到将于 11月24日 13:30 开始', '不在签到时间', true],
    ['CODE_INVALID', '签到码无效,请扫描现场大屏上的二维码', '签到码无效', true],
    ['RATE_LIMITED', '操作太频繁，请稍后再试', '尝试次数过多，请稍后再试', true],
  ])('%s reads %s → %s', (code, message, expected, offersRetry) => {
    const { container } = openPage({ kind: 'refused', code, message })
    expect(title(container)).toHaveTextContent(new RegExp(`^${expected}$`))
    expect(container.querySelector('.checkin-result__detail')).toHaveTextContent(message)
    expect(!!container.querySelector('.checkin-result__again')).toBe(offersRetry)
    expect(container.querySelector('.checkin-result__points')).toBeNull()
  })

  it('an unknown refusal still gives the server’s reason', () => {
    const { container } = openPage({ kind: 'refused', code: 'FORBIDDEN', message: '你不在本课程的范围内' })
    expect(title(container)).toHaveTextContent('签到未成功')
    expect(container).toHaveTextContent('你不在本课程的范围内')
  })

  it('已离线保存，联网后自动提交 — and the server’s answer replaces it once the queue is sent', () => {
    const { container } = openPage({ kind: 'queued', key: 'k-1', scannedAt: '2026-11-24T05:52:00.000Z' })
    expect(title(container)).toHaveTextContent(/^已离线保存$/)
    expect(container).toHaveTextContent('已离线保存，联网后自动提交')
    expect(screen.getByText('立即重试提交')).toBeInTheDocument()

    act(() => {
      // The queue keeps each answer before it announces them (stores/offline-checkins).
      rememberCheckin(answer({ sessionId: 10, offline: true }))
      Taro.eventCenter.trigger(APP_EVENTS.offlineCheckinsSettled, [
        {
          kind: 'done',
          entry: {
            credential: { sessionId: 5, shortCode: '482913' },
            scannedAt: '2026-11-24T05:52:00.000Z',
            idempotencyKey: 'k-1',
            userId: 7,
          },
          result: answer({ sessionId: 10, offline: true }),
        },
      ])
    })
    expect(title(container)).toHaveTextContent(/^签到成功$/)
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +5')
    expect(container).toHaveTextContent('离线签到已提交')
  })
})
