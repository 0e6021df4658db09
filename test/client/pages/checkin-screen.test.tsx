import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { act, render, waitFor } from '@testing-library/react'
import type { CheckinCode } from '../../../types/api'
import CheckinScreenPage from '@/packages/checkin/screen'
import { qrCellSize } from '@/packages/checkin/screen/layout'
import { saveSession } from '@/stores/session'
import { fakeApi, type FakeResponse } from '../fake-fetch'
import { CHECKIN_NOW, feed, sessionDetail } from '../course-fixtures'
import { secretary } from '../fixtures'

function openPage() {
  ;(Current as { router: unknown }).router = {
    params: { sessionId: '5' },
    path: '/packages/checkin/screen/index',
  }
  return render(<CheckinScreenPage />)
}

/** The n-th code the server issues: a new QR text and short code every 10 s, each alive 30 s. */
function issued(n: number): CheckinCode {
  return {
    code: `AQAAAAUDnKQj9mI2c0Xo1u7aVg${String(n).padStart(2, '0')}`,
    shortCode: String(100000 + n * 111111).slice(0, 6),
    expiresAt: new Date(Date.now() + 30_000).toISOString(),
    refreshInMs: 10_000,
  }
}

const shortCode = (container: HTMLElement) => container.querySelector('.checkin-screen__short-code')
const qr = (container: HTMLElement) => container.querySelector('.checkin-screen__qr')

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms)
  })
}

describe('签到大屏', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: CHECKIN_NOW })
    saveSession('token-2', secretary)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('shows the course, a QR code and the short code, and a new code after refreshInMs', async () => {
    let served = 0
    const calls = fakeApi({
      'GET /api/sessions/5': { status: 200, body: sessionDetail() },
      'GET /api/sessions/5/checkin-code': () => ({ status: 200, body: issued(++served) }),
      'GET /api/sessions/5/checkins': { status: 200, body: feed() },
    })
    const { container } = openPage()
    await waitFor(() => expect(shortCode(container)).toHaveTextContent(issued(1).shortCode))
    expect(qr(container)).toHaveAttribute('aria-label', '签到二维码')
    expect(container.querySelector('.checkin-screen__course')).toHaveTextContent('党务工作者培训班')
    expect(container.querySelector('.checkin-screen__meta')).toHaveTextContent(
      '11月24日 周二 14:00–16:00 · 园区党群服务中心多功能厅 · 主讲 区委党校 郑老师',
    )
    expect(container.querySelector('.countdown-bar__label')).toHaveTextContent('10秒后更新')

    await advance(5_000)
    expect(container.querySelector('.countdown-bar__label')).toHaveTextContent('5秒后更新')
    expect(served).toBe(1)

    await advance(5_000)
    await waitFor(() => expect(shortCode(container)).toHaveTextContent(issued(2).shortCode))
    expect(served).toBe(2)
    expect(
      calls
        .filter((call) => call.url.includes('/checkin-code'))
        .every((call) => call.headers.Authorization === 'Bearer token-2'),
    ).toBe(true)
  })

  it('keeps the last code through a network hiccup, says 网络重连中…, and recovers', async () => {
    let served = 0
    let down = false
    fakeApi({
      'GET /api/sessions/5': { status: 200, body: sessionDetail() },
      'GET /api/sessions/5/checkin-code': (): FakeResponse => {
        if (down) throw new TypeError('Failed to fetch')
        return { status: 200, body: issued(++served) }
      },
      'GET /api/sessions/5/checkins': { status: 200, body: feed() },
    })
    const { container } = openPage()
    await waitFor(() => expect(shortCode(container)).toHaveTextContent(issued(1).shortCode))

    down = true
    await advance(10_000)
    await waitFor(() => expect(container).toHaveTextContent('网络重连中…'))
    // Still the last code, still scannable: it lives 30 s.
    expect(shortCode(container)).toHaveTextContent(issued(1).shortCode)
    expect(qr(container)).toBeInTheDocument()
    expect(container.querySelector('.checkin-screen__qr-expired')).toBeNull()

    // Past its life: greyed out with a note, never a blank screen.
    await advance(21_000)
    expect(container.querySelector('.checkin-screen__qr-expired')).toHaveTextContent('二维码已过期')
    expect(qr(container)).toBeInTheDocument()

    down = false
    await advance(5_000)
    await waitFor(() => expect(shortCode(container)).toHaveTextContent(issued(2).shortCode))
    expect(container).not.toHaveTextContent('网络重连中…')
    expect(container.querySelector('.checkin-screen__qr-expired')).toBeNull()
  })

  it('lists who signed in, newest first, with 迟到 and the time, asking only for newer ones', async () => {
    let polls = 0
    const calls = fakeApi({
      'GET /api/sessions/5': { status: 200, body: sessionDetail() },
      'GET /api/sessions/5/checkin-code': () => ({ status: 200, body: issued(1) }),
      'GET /api/sessions/5/checkins': () => {
        polls++
        if (polls === 1)
          return {
            status: 200,
            body: feed({
              count: 1,
              lastId: 11,
              items: [
                {
                  id: 11,
                  name: '林晓帆',
                  branchName: '云栈科技党支部',
                  status: 'present',
                  checkedInAt: '2026-11-24T05:49:00.000Z',
                },
              ],
            }),
          }
        return {
          status: 200,
          body: feed({
            count: 2,
            lateCount: 1,
            lastId: 12,
            items: [
              {
                id: 12,
                name: '周子航',
                branchName: '海豚互娱党支部',
                status: 'late',
                checkedInAt: '2026-11-24T06:12:00.000Z',
              },
            ],
          }),
        }
      },
    })
    const { container } = openPage()
    await waitFor(() => expect(container.querySelector('.checkin-screen__count')).toHaveTextContent('1'))
    expect(container.querySelectorAll('.checkin-screen__item')).toHaveLength(1)

    await advance(3_000)
    await waitFor(() => expect(container.querySelector('.checkin-screen__count')).toHaveTextContent('2'))
    const items = container.querySelectorAll('.checkin-screen__item')
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveTextContent('周子航')
    expect(items[0]).toHaveTextContent('迟到')
    expect(items[0]).toHaveTextContent('14:12')
    expect(items[1]).toHaveTextContent('林晓帆')
    expect(items[1]).not.toHaveTextContent('迟到')
    expect(container).toHaveTextContent('其中迟到 1 人')
    const feedCalls = calls.filter((call) => call.url.includes('/checkins'))
    expect(feedCalls[0].url).not.toContain('since=')
    expect(feedCalls[1].url).toContain('since=11')
  })

  it('shows no code outside the sign-in window, with the server’s word on when it opens', async () => {
    fakeApi({
      'GET /api/sessions/5': { status: 200, body: sessionDetail() },
      'GET /api/sessions/5/checkin-code': {
        status: 422,
        body: { error: { code: 'CHECKIN_CLOSED', message: '不在签到时间:签到将于 11月24日 13:30 开始' } },
      },
      'GET /api/sessions/5/checkins': { status: 200, body: feed() },
    })
    const { container } = openPage()
    await waitFor(() => expect(container).toHaveTextContent('不在签到时间，暂无签到码'))
    expect(container).toHaveTextContent('签到将于 11月24日 13:30 开始')
    expect(qr(container)).toBeNull()
  })

  it('tells a member without the right to the screen, instead of a code', async () => {
    fakeApi({
      'GET /api/sessions/5': { status: 200, body: sessionDetail({ canManage: false }) },
      'GET /api/sessions/5/checkin-code': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '只有课程的组织者可以打开签到屏' } },
      },
      'GET /api/sessions/5/checkins': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '无权限' } },
      },
    })
    const { container } = openPage()
    await waitFor(() => expect(container).toHaveTextContent('只有课程的组织者可以打开签到屏'))
    expect(qr(container)).toBeNull()
  })
})

describe('QR cell size', () => {
  it('fills the height left on a projector, the width on a phone, in whole pixels', () => {
    // 1366×768 laptop: the height is the limit.
    expect(qrCellSize({ width: 1366, height: 768 }, 25)).toBe(14)
    // 1920×1080 projector: larger modules.
    expect(qrCellSize({ width: 1920, height: 1080 }, 25)).toBe(20)
    // 390×844 phone: the width is the limit.
    expect(qrCellSize({ width: 390, height: 844 }, 25)).toBe(11)
    // A long code (version 10) still gets whole, readable modules.
    expect(qrCellSize({ width: 1366, height: 768 }, 57)).toBe(7)
  })
})
