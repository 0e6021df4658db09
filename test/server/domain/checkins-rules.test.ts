import {
  checkinClosedReason,
  checkinStatus,
  openWindowBounds,
  pendingCheckinAt,
} from '../../../server/src/domain/checkins/rules'

const T = Date.parse('2026-11-24T06:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const MINUTE = 60_000
const session = { starts_at: iso(T), ends_at: iso(T + 120 * MINUTE) }

describe('sign-in window rules', () => {
  it('opens 30 minutes before the start and closes at the end, to the millisecond', () => {
    expect(checkinStatus(session, T - 30 * MINUTE - 1)).toBe('not_open')
    expect(checkinStatus(session, T - 30 * MINUTE)).toBe('open')
    expect(checkinStatus(session, T + 120 * MINUTE)).toBe('open')
    expect(checkinStatus(session, T + 120 * MINUTE + 1)).toBe('closed')
  })

  it('says when it opens, in park time', () => {
    expect(checkinClosedReason(session, T - 31 * MINUTE)).toBe('不在签到时间:签到将于 11月24日 13:30 开始')
    expect(checkinClosedReason(session, T)).toBeNull()
    expect(checkinClosedReason(session, T + 121 * MINUTE)).toContain('已结束')
  })

  it('finds the sessions open at a moment with the same bounds', () => {
    expect(openWindowBounds(new Date(T - 30 * MINUTE))).toEqual({
      startsBy: iso(T),
      endsFrom: iso(T - 30 * MINUTE),
    })
  })

  it('judges a pending sign-in by when its code was shown, never before the window opened', () => {
    expect(pendingCheckinAt(session, T + 5 * MINUTE)).toBe(T + 5 * MINUTE)
    expect(pendingCheckinAt(session, T - 31 * MINUTE)).toBe(T - 30 * MINUTE)
  })
})
