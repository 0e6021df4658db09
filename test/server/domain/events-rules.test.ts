import {
  cancelDeadlinePassed,
  checkEventTimes,
  checkStartNotPast,
  defaultCancelDeadline,
  eventStatus,
  signupClosedReason,
} from '../../../server/src/domain/events/rules'

const T = Date.parse('2026-11-24T06:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const at = (ms: number) => new Date(ms)
const HOUR = 3600_000

const event = (overrides: Partial<Parameters<typeof eventStatus>[0]> = {}) => ({
  ends_at: iso(T + 2 * HOUR),
  signup_deadline: iso(T),
  cancel_deadline: iso(T - 2 * HOUR),
  cancelled_at: null,
  capacity: 2,
  confirmed_count: 0,
  ...overrides,
})

describe('event rules', () => {
  it('says open, full, closed, ended or cancelled, in that order of precedence, to the millisecond', () => {
    expect(eventStatus(event(), at(T))).toBe('open')
    expect(eventStatus(event(), at(T + 1))).toBe('closed')
    expect(eventStatus(event({ confirmed_count: 2 }), at(T))).toBe('full')
    expect(eventStatus(event({ confirmed_count: 2 }), at(T + 1))).toBe('closed')
    expect(eventStatus(event(), at(T + 2 * HOUR + 1))).toBe('ended')
    expect(eventStatus(event({ cancelled_at: iso(T - HOUR) }), at(T + 3 * HOUR))).toBe('cancelled')
  })

  it('keeps a full event open to the waitlist until the deadline', () => {
    expect(signupClosedReason(event({ confirmed_count: 2 }), at(T))).toBeNull()
    expect(signupClosedReason(event(), at(T + 1))).toBe('报名已截止')
    expect(signupClosedReason(event(), at(T + 3 * HOUR))).toBe('活动已结束,无法报名')
  })

  it('lets members cancel until the cancel deadline, two hours before the start by default', () => {
    expect(defaultCancelDeadline(iso(T))).toBe(iso(T - 2 * HOUR))
    expect(cancelDeadlinePassed(event(), at(T - 2 * HOUR))).toBe(false)
    expect(cancelDeadlinePassed(event(), at(T - 2 * HOUR + 1))).toBe(true)
  })

  it('refuses a start already past, and deadlines after the start', () => {
    expect(() => checkStartNotPast(iso(T), at(T))).not.toThrow()
    expect(() => checkStartNotPast(iso(T - 1000), at(T))).toThrow('startsAt')
    const times = { startsAt: iso(T), endsAt: iso(T + HOUR), signupDeadline: iso(T), cancelDeadline: iso(T) }
    expect(() => checkEventTimes(times)).not.toThrow()
    expect(() => checkEventTimes({ ...times, endsAt: iso(T) })).toThrow('endsAt')
    expect(() => checkEventTimes({ ...times, signupDeadline: iso(T + 1) })).toThrow('signupDeadline')
    expect(() => checkEventTimes({ ...times, cancelDeadline: iso(T + 1) })).toThrow('cancelDeadline')
  })
})
