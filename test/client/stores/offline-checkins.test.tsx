import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import CheckinEnterPage from '@/packages/checkin/enter'
import { offlineOutcomeMessage, useOfflineCheckins } from '@/hooks/use-offline-checkins'
import { checkIn, flushOfflineCheckins, queuedCheckins, type QueuedCheckin } from '@/stores/offline-checkins'
import type * as OfflineStore from '@/stores/offline-checkins'
import { saveSession } from '@/stores/session'
import { APP_EVENTS } from '@/utils/events'
import { fakeApi, offline, type FakeResponse, type RecordedCall } from '../fake-fetch'
import { CHECKIN_NOW, sessionItem } from '../course-fixtures'
import { member } from '../fixtures'

const STORAGE_KEY = 'red-e-park:offline-checkins'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

const networkDown = (): FakeResponse => {
  throw new TypeError('Failed to fetch')
}

const accepted = (call: RecordedCall): FakeResponse => ({
  status: 201,
  body: {
    sessionId: 5,
    courseTitle: '党务工作者培训班',
    checkedInAt: (call.body as { scannedAt?: string }).scannedAt ?? new Date().toISOString(),
    status: 'present',
    pointsAwarded: 5,
    offline: true,
  },
})

const posts = (calls: RecordedCall[]) =>
  calls.filter((call) => call.method === 'POST' && call.url.endsWith('/api/checkins'))

describe('离线签到队列', () => {
  let redirectTo: jest.SpyInstance

  beforeEach(() => {
    jest.useFakeTimers({
      now: CHECKIN_NOW,
      doNotFake: ['setTimeout', 'setInterval', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    saveSession('token-1', member)
    redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    jest.spyOn(Taro, 'showLoading').mockResolvedValue({ errMsg: 'showLoading:ok' })
    jest.spyOn(Taro, 'hideLoading').mockImplementation(() => undefined)
    // Under jsdom the input web component has no inner <input> for a controlled value to go to.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('keeps a sign-in made offline across a restart and sends it exactly once when the network is back', async () => {
    // 1. At the door: the member types the short code, and the venue Wi-Fi drops the request.
    const firstCalls = fakeApi({
      'GET /api/sessions': { status: 200, body: { items: [sessionItem()], nextCursor: null } },
      'POST /api/checkins': networkDown,
    })
    const page = render(<CheckinEnterPage />)
    await screen.findByText('党务工作者培训班')
    fire(page.container.querySelector('.checkin-enter__input') as Element, 'input', '482913')
    fireEvent.click(page.container.querySelector('.checkin-enter__submit') as Element)

    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    expect(redirectTo.mock.calls[0][0].url).toMatch(
      /^\/packages\/checkin\/result\/index\?outcome=queued&key=/,
    )
    const [firstAttempt] = posts(firstCalls)
    expect(firstAttempt.body).toEqual({ sessionId: 5, shortCode: '482913' })
    const key = firstAttempt.headers['Idempotency-Key']
    expect(key).toBeTruthy()

    const stored = queuedCheckins()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      credential: { sessionId: 5, shortCode: '482913' },
      idempotencyKey: key,
      scannedAt: new Date(CHECKIN_NOW).toISOString(),
      userId: member.id,
    })

    // 2. The page goes away and the app restarts: only the device's storage is left.
    page.unmount()
    const savedText = JSON.stringify(window.localStorage.getItem(STORAGE_KEY))
    expect(savedText).toContain('482913')
    let restarted: typeof OfflineStore | undefined
    await jest.isolateModulesAsync(async () => {
      restarted = await import('@/stores/offline-checkins')
    })
    expect(restarted?.queuedCheckins()).toEqual(stored)

    // 3. Network back, two minutes later: the flush sends the stored scan time under the same key.
    jest.setSystemTime(CHECKIN_NOW + 2 * 60_000)
    const calls = fakeApi({ 'POST /api/checkins': accepted })
    const outcomes = await restarted!.flushOfflineCheckins()

    expect(posts(calls)).toHaveLength(1)
    expect(posts(calls)[0].body).toEqual({
      sessionId: 5,
      shortCode: '482913',
      scannedAt: stored[0].scannedAt,
    })
    expect(posts(calls)[0].headers['Idempotency-Key']).toBe(key)
    expect(posts(calls)[0].headers.Authorization).toBe('Bearer token-1')
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0].kind).toBe('done')
    expect(restarted!.queuedCheckins()).toEqual([])
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull()

    // 4. Nothing left: another flush sends nothing.
    await restarted!.flushOfflineCheckins()
    await flushOfflineCheckins()
    expect(posts(calls)).toHaveLength(1)
  })

  it('keeps the entry while the network is still down, and runs one flush at a time', async () => {
    offline()
    const attempt = await checkIn({ code: 'AQAAAAUDnKQj9mI2c0Xo1u7aVgWx' })
    expect(attempt.kind).toBe('queued')

    // Still offline: the flush fails and keeps it, with its key.
    expect(await flushOfflineCheckins()).toEqual([])
    expect(queuedCheckins()).toHaveLength(1)

    // A slow answer while the member reopens the app twice: one request, not two.
    let release: () => void = () => undefined
    const calls = fakeApi({
      'POST /api/checkins': (call) =>
        new Promise<FakeResponse>((resolve) => {
          release = () => resolve(accepted(call))
        }),
    })
    const first = flushOfflineCheckins()
    const second = flushOfflineCheckins()
    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    release()
    const [a, b] = await Promise.all([first, second])
    expect(a).toBe(b)
    expect(posts(calls)).toHaveLength(1)
    expect((posts(calls)[0].body as QueuedCheckin['credential'] & { scannedAt: string }).scannedAt).toBe(
      new Date(CHECKIN_NOW).toISOString(),
    )
    expect(queuedCheckins()).toEqual([])
  })

  it('a server error keeps the entry; a refusal ends it and says why', async () => {
    offline()
    await checkIn({ code: 'AQAAAAUDnKQj9mI2c0Xo1u7aVgWx' })
    const settled = jest.fn()
    Taro.eventCenter.on(APP_EVENTS.offlineCheckinsSettled, settled)

    fakeApi({
      'POST /api/checkins': {
        status: 503,
        body: { error: { code: 'UNAVAILABLE', message: '服务暂不可用' } },
      },
    })
    await flushOfflineCheckins()
    expect(queuedCheckins()).toHaveLength(1)
    expect(settled).not.toHaveBeenCalled()

    fakeApi({
      'POST /api/checkins': {
        status: 422,
        body: { error: { code: 'CODE_EXPIRED', message: '二维码已过期,请扫描大屏上最新的二维码' } },
      },
    })
    const outcomes = await flushOfflineCheckins()
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0].kind).toBe('refused')
    expect(queuedCheckins()).toEqual([])
    expect(settled).toHaveBeenCalledTimes(1)
    Taro.eventCenter.off(APP_EVENTS.offlineCheckinsSettled, settled)
  })

  it('the app sends the queue when the browser is back online and tells the member', async () => {
    offline()
    await checkIn({ code: 'AQAAAAUDnKQj9mI2c0Xo1u7aVgWx' })
    function App() {
      useOfflineCheckins()
      return null
    }
    const app = render(<App />)
    // The flush at start fails (still offline) and keeps the entry.
    await waitFor(() => expect(queuedCheckins()).toHaveLength(1))

    const calls = fakeApi({ 'POST /api/checkins': accepted })
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(queuedCheckins()).toEqual([]))
    expect(posts(calls)).toHaveLength(1)
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '离线签到已提交 · 积分 +5' }),
      ),
    )
    app.unmount()
  })

  it('says honestly when a queued sign-in arrived too late to count on its own: 待书记确认', async () => {
    offline()
    await checkIn({ code: 'AQAAAAUDnKQj9mI2c0Xo1u7aVgWx' })
    fakeApi({
      'POST /api/checkins': (call) => {
        const answer = accepted(call)
        return { ...answer, body: { ...(answer.body as object), status: 'pending', pointsAwarded: 0 } }
      },
    })
    const outcomes = await flushOfflineCheckins()
    expect(offlineOutcomeMessage(outcomes)).toBe('离线签到已提交，待书记确认')
  })

  it('never sends another member’s queued sign-in under my login', async () => {
    offline()
    await checkIn({ code: 'AQAAAAUDnKQj9mI2c0Xo1u7aVgWx' })
    saveSession('token-9', { ...member, id: 99, name: '另一位成员' })
    const calls = fakeApi({ 'POST /api/checkins': accepted })
    await flushOfflineCheckins()
    expect(posts(calls)).toHaveLength(0)
    expect(queuedCheckins()).toHaveLength(1)
  })
})
