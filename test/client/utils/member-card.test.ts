import { cardRefreshDelay, CARD_MIN_REFRESH_MS } from '@/utils/member-card'

const NOW = Date.parse('2026-11-25T06:00:00.000Z')
const inMs = (ms: number) => new Date(NOW + ms).toISOString()

describe('cardRefreshDelay', () => {
  it('follows the server’s refresh time when that comes first', () => {
    expect(cardRefreshDelay({ expiresAt: inMs(300_000), refreshInMs: 240_000 }, NOW)).toBe(240_000)
  })

  it('refreshes 30 s before expiry when that comes first', () => {
    expect(cardRefreshDelay({ expiresAt: inMs(90_000), refreshInMs: 600_000 }, NOW)).toBe(60_000)
  })

  it('ignores an expiry the phone’s clock says has passed (a clock running fast)', () => {
    expect(cardRefreshDelay({ expiresAt: inMs(-600_000), refreshInMs: 240_000 }, NOW)).toBe(240_000)
  })

  it('never asks again sooner than the minimum', () => {
    expect(cardRefreshDelay({ expiresAt: inMs(-600_000), refreshInMs: 0 }, NOW)).toBe(CARD_MIN_REFRESH_MS)
  })
})
