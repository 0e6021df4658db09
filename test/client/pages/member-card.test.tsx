import Taro from '@tarojs/taro'
import { act, render, screen, waitFor } from '@testing-library/react'
import MemberCardPage from '@/packages/me/card'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member } from '../fixtures'
import { memberCard } from '../points-fixtures'

const START = Date.parse('2026-11-25T06:00:00.000Z')

describe('我的党员名片', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: START })
    saveSession('token-7', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('shows the card with a QR of the payload and fetches a new one before it expires', async () => {
    const issued: { payload: string; expiresAt: string; at: number }[] = []
    const calls = fakeApi({
      'GET /api/me/card': () => {
        const now = Date.now()
        const card = memberCard(`REDE1.card${issued.length + 1}.signature`, now)
        issued.push({ payload: card.payload, expiresAt: card.expiresAt, at: now })
        return { status: 200, body: card }
      },
    })
    const { container } = render(<MemberCardPage />)
    await waitFor(() => expect(container.querySelector('.member-card__name')?.textContent).toBe('林晓帆'))
    expect(screen.getByText('数字党员名片')).toBeInTheDocument()
    expect(container.querySelector('.member-card')).toHaveTextContent('云栈科技党支部')
    expect(container.querySelector('.member-card')).toHaveTextContent('中共党员')
    const qr = container.querySelector('.member-card__qr')
    expect(qr).not.toBeNull()
    expect(qr?.getAttribute('aria-label')).toBe('林晓帆的数字党员名片二维码')
    const firstCode = qr?.innerHTML
    expect(container.querySelector('.member-card__countdown')?.textContent).toMatch(/^2[34]\d秒后刷新$/)

    // The countdown runs down with the clock.
    act(() => {
      jest.advanceTimersByTime(60_000)
    })
    expect(container.querySelector('.member-card__countdown')?.textContent).toMatch(/^1[78]\d秒后刷新$/)
    expect(calls).toHaveLength(1)

    // A minute before the first card expires, a new one is fetched and drawn.
    act(() => {
      jest.advanceTimersByTime(181_000)
    })
    await waitFor(() => expect(issued.length).toBe(2))
    expect(issued[1].at).toBeLessThan(Date.parse(issued[0].expiresAt) - 30_000)
    await waitFor(() =>
      expect(container.querySelector('.member-card__qr')?.innerHTML === firstCode).toBe(false),
    )
  })

  it('refreshes 30 s before expiry when the server names no refresh time', async () => {
    let count = 0
    fakeApi({
      'GET /api/me/card': () => {
        count++
        // A short-lived card with a late refresh hint: the expiry decides.
        const card = memberCard(`REDE1.short${count}.signature`, Date.now(), {
          expiresAt: new Date(Date.now() + 90_000).toISOString(),
          refreshInMs: 10 * 60 * 1000,
        })
        return { status: 200, body: card }
      },
    })
    const { container } = render(<MemberCardPage />)
    await waitFor(() => expect(container.querySelector('.member-card__qr') !== null).toBe(true))
    act(() => {
      jest.advanceTimersByTime(59_000)
    })
    expect(count).toBe(1)
    act(() => {
      jest.advanceTimersByTime(2_000)
    })
    await waitFor(() => expect(count).toBe(2))
  })

  it('says so when a refresh fails, and shows the card as expired once it has run out', async () => {
    let fail = false
    fakeApi({
      'GET /api/me/card': () =>
        fail
          ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } } }
          : { status: 200, body: memberCard('REDE1.only.signature', Date.now()) },
    })
    const { container } = render(<MemberCardPage />)
    await waitFor(() => expect(container.querySelector('.member-card__qr') !== null).toBe(true))
    fail = true
    act(() => {
      jest.advanceTimersByTime(241_000)
    })
    await waitFor(() =>
      expect(container.querySelector('.member-card__problem-text')?.textContent).toBe(
        '刷新失败：服务暂时不可用',
      ),
    )
    act(() => {
      jest.advanceTimersByTime(60_000)
    })
    await waitFor(() => expect(container.querySelector('.member-card__stamp')?.textContent).toBe('已过期'))
    expect(container.querySelector('.member-card__problem-text')?.textContent).toMatch(/^名片已过期/)

    // The phone keeps trying every few seconds; once the network is back the card is whole again.
    fail = false
    await waitFor(() => expect(container.querySelector('.member-card__stamp') === null).toBe(true), {
      timeout: 15_000,
    })
    expect(container.querySelector('.member-card__countdown')?.textContent).toMatch(/秒后刷新$/)
  })

  it.each([
    ['数字党员名片', '我的党员名片'],
    ['园区名片', '我的园区名片'],
  ] as const)('titles the page as the server titles the card: %s → %s', async (title, navigation) => {
    const setTitle = jest
      .spyOn(Taro, 'setNavigationBarTitle')
      .mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
    fakeApi({ 'GET /api/me/card': { status: 200, body: memberCard('REDE1.x.y', Date.now(), { title }) } })
    render(<MemberCardPage />)
    expect(await screen.findByText(title)).toBeInTheDocument()
    await waitFor(() => expect(setTitle).toHaveBeenCalledWith({ title: navigation }))
  })
})
