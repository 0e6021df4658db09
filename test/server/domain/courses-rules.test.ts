import {
  attendanceTally,
  courseStatus,
  expectedAt,
  materialSummaryOf,
  myAttendance,
  readMinutesOf,
  weeklySessions,
} from '../../../server/src/domain/courses/rules'

const DAY = 24 * 60 * 60 * 1000

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

describe('organising a course', () => {
  // 2026-12-02 is a Wednesday; 19:00 in the park is 11:00 UTC.
  const now = new Date('2026-12-01T00:00:00.000Z')
  const place = { venue: '党群服务中心', lecturer: '郑老师' }

  it('plans 每周三 19:00,共 6 次 from the first Wednesday on or after the day given', () => {
    const sessions = weeklySessions(
      { weekday: 3, time: '19:00', from: '2026-11-30', count: 6, durationMinutes: 90 },
      place,
      now,
    )
    expect(sessions.map((s) => s.starts_at)).toEqual([
      '2026-12-02T11:00:00.000Z',
      '2026-12-09T11:00:00.000Z',
      '2026-12-16T11:00:00.000Z',
      '2026-12-23T11:00:00.000Z',
      '2026-12-30T11:00:00.000Z',
      '2027-01-06T11:00:00.000Z',
    ])
    expect(sessions[0]).toEqual({
      starts_at: '2026-12-02T11:00:00.000Z',
      ends_at: '2026-12-02T12:30:00.000Z',
      ...place,
    })
    // Starting on the weekday itself keeps that day; Sunday is 7.
    const sunday = weeklySessions(
      { weekday: 7, time: '09:30', from: '2026-12-06', count: 1, durationMinutes: 60 },
      place,
      now,
    )
    expect(sunday[0]!.starts_at).toBe('2026-12-06T01:30:00.000Z')
  })

  it('refuses a day that does not exist and a first session already begun', () => {
    const rule = { weekday: 3, time: '19:00', count: 2, durationMinutes: 60 }
    expect(() => weeklySessions({ ...rule, from: '2026-02-30' }, place, now)).toThrow(/from 不是有效的日期/)
    expect(() =>
      weeklySessions({ ...rule, from: '2026-11-25' }, place, new Date('2026-11-25T11:00:00.000Z')),
    ).toThrow(/已过/)
  })

  it('is closed while its organiser takes no enrolments, ended still first', () => {
    const course = { ends_at: iso(T), enrolled_count: 0, capacity: 2, enrolment_open: 0 }
    expect(courseStatus(course, new Date(T))).toBe('closed')
    expect(courseStatus(course, new Date(T + 1))).toBe('ended')
  })

  it('counts nobody absent from a cancelled session, nor the session as held', () => {
    const cancelled = { ends_at: iso(T), cancelled_at: iso(T - DAY) }
    expect(myAttendance(cancelled, undefined, iso(T - 2 * DAY), new Date(T + 1))).toBeNull()
    expect(attendanceTally([{ myAttendance: null, checkinStatus: 'closed', cancelledAt: iso(T) }])).toEqual({
      attended: 0,
      held: 0,
    })
  })

  it('works out a material’s reading time and summary from its body', () => {
    expect(readMinutesOf('短')).toBe(1)
    expect(readMinutesOf(`# 小标题\n${'字'.repeat(301)}`)).toBe(2)
    expect(materialSummaryOf('# 一、开篇\n\n第一段正文。\n第二段')).toBe('第一段正文。')
    expect(materialSummaryOf('字'.repeat(80))).toBe(`${'字'.repeat(60)}…`)
  })
})
