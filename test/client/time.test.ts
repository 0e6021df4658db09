import {
  formatDate,
  formatDateTime,
  formatRelative,
  formatTimeRange,
  fromDateTimeInput,
  toDateInput,
  toTimeInput,
} from '@/utils/time'

describe('time formatting', () => {
  it('shows date, weekday and China time', () => {
    expect(formatDateTime('2026-11-24T06:00:00.000Z')).toBe('11月24日 周二 14:00')
    expect(formatDate('2026-11-24T06:00:00.000Z')).toBe('11月24日 周二')
  })
  it('uses China time across the UTC date line', () => {
    // 17:30 UTC on the 23rd is 01:30 on the 24th in Xiamen.
    expect(formatDateTime('2026-11-23T17:30:00.000Z')).toBe('11月24日 周二 01:30')
  })
  it('says how far away a time is in days', () => {
    const now = '2026-11-24T06:00:00.000Z'
    expect(formatRelative('2026-11-21T02:00:00.000Z', now)).toBe('3天前')
    expect(formatRelative('2026-11-27T09:00:00.000Z', now)).toBe('3天后')
    expect(formatRelative('2026-11-25T02:00:00.000Z', now)).toBe('明天')
    expect(formatRelative('2026-11-23T02:00:00.000Z', now)).toBe('昨天')
  })
  it('says minutes and hours within the same day', () => {
    const now = '2026-11-24T06:00:00.000Z'
    expect(formatRelative('2026-11-24T05:59:40.000Z', now)).toBe('刚刚')
    expect(formatRelative('2026-11-24T05:30:00.000Z', now)).toBe('30分钟前')
    expect(formatRelative('2026-11-24T09:00:00.000Z', now)).toBe('3小时后')
  })
  it('falls back to months and years', () => {
    const now = '2026-11-24T06:00:00.000Z'
    expect(formatRelative('2026-09-20T06:00:00.000Z', now)).toBe('2个月前')
    expect(formatRelative('2024-11-20T06:00:00.000Z', now)).toBe('2年前')
  })
  it('shows a time range on one day compactly, across days in full', () => {
    expect(formatTimeRange('2026-11-24T06:00:00.000Z', '2026-11-24T08:00:00.000Z')).toBe(
      '11月24日 周二 14:00–16:00',
    )
    expect(formatTimeRange('2026-11-24T06:00:00.000Z', '2026-11-25T08:00:00.000Z')).toBe(
      '11月24日 周二 14:00 至 11月25日 周三 16:00',
    )
  })
  it('turns China-time picker values into UTC and back', () => {
    expect(fromDateTimeInput('2026-11-24', '14:00')).toBe('2026-11-24T06:00:00.000Z')
    expect(fromDateTimeInput('2026-11-24', '01:30')).toBe('2026-11-23T17:30:00.000Z')
    expect(toDateInput('2026-11-23T17:30:00.000Z')).toBe('2026-11-24')
    expect(toTimeInput('2026-11-23T17:30:00.000Z')).toBe('01:30')
  })
})
