import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { act, render, screen } from '@testing-library/react'
import CheckinResultPage from '@/packages/checkin/result'
import { saveSession } from '@/stores/session'
import { checkinResultQuery, type CheckinOutcome } from '@/utils/checkin'
import { APP_EVENTS } from '@/utils/events'
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

  it('签到成功 with the points gained, the course and the time', () => {
    const { container } = openPage({
      kind: 'done',
      status: 'present',
      pointsAwarded: 5,
      courseTitle: '党务工作者培训班',
      checkedInAt: '2026-11-24T05:52:00.000Z',
    })
    expect(title(container)).toHaveTextContent(/^签到成功$/)
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +5')
    expect(container.querySelector('.checkin-result__course')).toHaveTextContent('党务工作者培训班')
    expect(container.querySelector('.checkin-result__time')).toHaveTextContent('11月24日 周二 13:52')
    expect(container.querySelector('.checkin-result__again')).toBeNull()
  })

  it('迟到 says so, still with the points', () => {
    const { container } = openPage({
      kind: 'done',
      status: 'late',
      pointsAwarded: 3,
      courseTitle: '党务工作者培训班',
      checkedInAt: '2026-11-24T06:15:00.000Z',
    })
    expect(title(container)).toHaveTextContent(/^迟到$/)
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +3')
    expect(container).toHaveTextContent('开始10分钟后签到记为迟到')
  })

  it('no points line when none were given', () => {
    const { container } = openPage({
      kind: 'done',
      status: 'present',
      pointsAwarded: 0,
      courseTitle: '党务工作者培训班',
      checkedInAt: '2026-11-24T05:52:00.000Z',
    })
    expect(container.querySelector('.checkin-result__points')).toBeNull()
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

  it('已离线保存，联网后自动提交 — and the answer replaces it once the queue is sent', () => {
    const { container } = openPage({ kind: 'queued', key: 'k-1', scannedAt: '2026-11-24T05:52:00.000Z' })
    expect(title(container)).toHaveTextContent(/^已离线保存$/)
    expect(container).toHaveTextContent('已离线保存，联网后自动提交')
    expect(screen.getByText('立即重试提交')).toBeInTheDocument()

    act(() => {
      Taro.eventCenter.trigger(APP_EVENTS.offlineCheckinsSettled, [
        {
          kind: 'done',
          entry: {
            credential: { sessionId: 5, shortCode: '482913' },
            scannedAt: '2026-11-24T05:52:00.000Z',
            idempotencyKey: 'k-1',
            userId: 7,
          },
          result: {
            sessionId: 5,
            courseTitle: '党务工作者培训班',
            checkedInAt: '2026-11-24T05:52:00.000Z',
            status: 'present',
            pointsAwarded: 5,
            offline: true,
          },
        },
      ])
    })
    expect(title(container)).toHaveTextContent(/^签到成功$/)
    expect(container.querySelector('.checkin-result__points')).toHaveTextContent('积分 +5')
    expect(container).toHaveTextContent('离线签到已提交')
  })
})
