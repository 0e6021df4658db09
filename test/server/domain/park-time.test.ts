import {
  formatParkDateTime,
  formatParkTime,
  monthBounds,
  parkDay,
  parkMonth,
  parseIso,
  shiftIso,
  startOfParkDay,
} from '../../../server/src/domain/park-time'

describe('park time (Asia/Shanghai)', () => {
  it('starts the park’s day at 16:00 UTC of the day before', () => {
    expect(parkDay('2026-11-23T15:59:59.999Z')).toBe('2026-11-23')
    expect(parkDay('2026-11-23T16:00:00.000Z')).toBe('2026-11-24')
    expect(startOfParkDay('2026-11-24T03:00:00.000Z')).toBe('2026-11-23T16:00:00.000Z')
  })

  it('cuts months at park midnight, across a year end', () => {
    expect(parkMonth('2026-11-30T16:00:00.000Z')).toBe('2026-12')
    expect(monthBounds('2026-12')).toEqual({
      firstDay: '2026-12-01',
      nextFirstDay: '2027-01-01',
      from: '2026-11-30T16:00:00.000Z',
      until: '2026-12-31T16:00:00.000Z',
    })
  })

  it('writes times as members read them', () => {
    expect(formatParkTime('2026-11-24T06:05:00.000Z')).toBe('11月24日 14:05')
    expect(formatParkDateTime('2026-11-23T16:30:00.000Z')).toBe('2026-11-24 00:30')
  })

  it('keeps the daylight saving time of the 1980s for historic dates', () => {
    // Summer 1988: the park's clock was UTC+9, so 15:30 UTC was already the next day.
    expect(parkDay('1988-06-01T15:30:00.000Z')).toBe('1988-06-02')
    expect(formatParkDateTime('1988-06-01T15:30:00.000Z')).toBe('1988-06-02 00:30')
    expect(parkDay('1988-12-01T15:30:00.000Z')).toBe('1988-12-01')
    expect(parkDay('1992-01-01T00:00:00.000Z')).toBe('1992-01-01')
  })

  it('normalises client times to UTC and moves them by milliseconds', () => {
    expect(parseIso('2026-11-24T14:00:00+08:00')).toBe('2026-11-24T06:00:00.000Z')
    expect(parseIso('not a time')).toBeNull()
    expect(shiftIso('2026-11-24T06:00:00.000Z', -1000)).toBe('2026-11-24T05:59:59.000Z')
  })
})
