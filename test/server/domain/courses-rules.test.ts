import {
  attendanceTally,
  courseStatus,
  expectedAt,
  myAttendance,
} from '../../../server/src/domain/courses/rules'

const T = Date.parse('2026-11-24T06:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const session = { ends_at: iso(T) }

describe('course rules', () => {
  it('expects a member at the sessions that had not ended when they enrolled', () => {
    expect(expectedAt(session, iso(T - 1))).toBe(true)
    expect(expectedAt(session, iso(T))).toBe(false)
    expect(expectedAt(session, null)).toBe(false)
  })

  it('says absent only once a session the member was expected at is over', () => {
    const enrolled = iso(T - 60_000)
    expect(myAttendance(session, undefined, enrolled, new Date(T))).toBeNull()
    expect(myAttendance(session, undefined, enrolled, new Date(T + 1))).toBe('absent')
    expect(myAttendance(session, undefined, iso(T + 1), new Date(T + 60_000))).toBeNull()
    expect(myAttendance(session, 'pending', enrolled, new Date(T + 1))).toBe('pending')
    expect(myAttendance(session, 'leave', null, new Date(T + 1))).toBe('leave')
  })

  it('is open, full or ended — ended first', () => {
    const course = { ends_at: iso(T), enrolled_count: 1, capacity: 2 }
    expect(courseStatus(course, new Date(T))).toBe('open')
    expect(courseStatus({ ...course, enrolled_count: 2 }, new Date(T))).toBe('full')
    expect(courseStatus({ ...course, enrolled_count: 2 }, new Date(T + 1))).toBe('ended')
  })
})

describe('attendance tally (出勤 x/y)', () => {
  it('counts sessions signed in to, of those held or attended', () => {
    const tally = attendanceTally([
      { myAttendance: 'present', checkinStatus: 'closed' },
      { myAttendance: 'late', checkinStatus: 'open' },
      { myAttendance: 'absent', checkinStatus: 'closed' },
      { myAttendance: 'leave', checkinStatus: 'closed' },
      { myAttendance: null, checkinStatus: 'open' },
      { myAttendance: null, checkinStatus: 'not_open' },
    ])
    expect(tally).toEqual({ attended: 2, held: 4 })
  })
})
