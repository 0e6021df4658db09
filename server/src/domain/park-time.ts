import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

/*
 * The one time helper of the server. Instants travel as ISO 8601 UTC strings (they sort as text in
 * both databases); anything a person reads, and every calendar boundary (a points day, a statistics
 * month), follows the park's clock in Xiamen. The current time is never read here: callers pass
 * `app.now()`.
 */

dayjs.extend(utc)
dayjs.extend(timezone)

/** The park is in Xiamen. */
export const PARK_TIME_ZONE = 'Asia/Shanghai'

export const SECOND_MS = 1000
export const MINUTE_MS = 60 * SECOND_MS
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

type Instant = Date | string | number

/**
 * Since 1992 the park's clock is UTC+8 all year (China's last daylight saving time ended in 1991).
 * A fixed offset gives the same answers as the time zone for those instants at a fraction of the
 * cost (dayjs's `tz` builds an `Intl` formatter on every call, ~0.3 ms); older dates, such as a
 * historic 入党申请书, still go through the time zone.
 */
const FIXED_OFFSET_SINCE_MS = Date.UTC(1992, 0, 1)
const PARK_UTC_OFFSET_MINUTES = 8 * 60

function inPark(at: Instant) {
  const instant = dayjs(at)
  return instant.valueOf() >= FIXED_OFFSET_SINCE_MS
    ? instant.utcOffset(PARK_UTC_OFFSET_MINUTES)
    : instant.tz(PARK_TIME_ZONE)
}

/** An instant as the API writes it: `2026-11-24T06:00:00.000Z`. */
export function toIso(at: Instant): string {
  return dayjs(at).toISOString()
}

/** `at` moved by `ms` (negative: earlier), as an ISO string. */
export function shiftIso(at: Instant, ms: number): string {
  return dayjs(at).add(ms, 'millisecond').toISOString()
}

/**
 * A time sent by a client, normalised to the API's form, or null when it is not a time at all. The
 * schemas already insist on `date-time`; this also folds offsets (`+08:00`) into UTC.
 */
export function parseIso(value: string): string | null {
  const at = dayjs(value)
  return at.isValid() ? at.toISOString() : null
}

/** The park-time day of an instant, `2026-11-24`. */
export function parkDay(at: Instant): string {
  return inPark(at).format('YYYY-MM-DD')
}

/** Midnight (park time) of the day an instant falls on, as an ISO string. */
export function startOfParkDay(at: Instant): string {
  return inPark(at).startOf('day').toISOString()
}

/** The park-time month of an instant, `2026-11`. */
export function parkMonth(at: Instant): string {
  return inPark(at).format('YYYY-MM')
}

export interface MonthBounds {
  /** The month's first park-time day, `2026-11-01`, and the next month's. */
  firstDay: string
  nextFirstDay: string
  /** The same two midnights as instants. */
  from: string
  until: string
}

/** Where a park-time month (`2026-11`) begins and ends. */
export function monthBounds(month: string): MonthBounds {
  const start = dayjs.tz(`${month}-01T00:00:00`, PARK_TIME_ZONE)
  const next = start.add(1, 'month')
  return {
    firstDay: start.format('YYYY-MM-DD'),
    nextFirstDay: next.format('YYYY-MM-DD'),
    from: start.toISOString(),
    until: next.toISOString(),
  }
}

/** `11月24日 14:00` in park time, for notification and error texts. */
export function formatParkTime(at: Instant): string {
  return inPark(at).format('M月D日 HH:mm')
}

/** `2026-11-24 14:00` in park time, for spreadsheets. */
export function formatParkDateTime(at: Instant): string {
  return inPark(at).format('YYYY-MM-DD HH:mm')
}

/**
 * The instant of a park-time wall clock, `2026-12-02` at `19:00`, or null when the day does not
 * exist (`2026-02-30`). The park keeps no daylight saving, so a week is always seven days of 24 hours.
 */
export function parkInstant(day: string, time: string): string | null {
  const at = dayjs.tz(`${day} ${time}`, 'YYYY-MM-DD HH:mm', PARK_TIME_ZONE)
  if (!at.isValid() || at.format('YYYY-MM-DD') !== day) return null
  return at.toISOString()
}

/** The weekday of a park-time instant: 1 Monday … 7 Sunday. */
export function parkWeekday(at: Instant): number {
  return inPark(at).day() || 7
}

/**
 * `at` plus `days` working days at the same time of day in the park: Saturdays and Sundays passed
 * over do not count (public holidays are not modelled). From a Saturday, one working day is Monday.
 */
export function addParkWorkingDays(at: Instant, days: number): string {
  let day = inPark(at)
  let left = days
  while (left > 0) {
    day = day.add(1, 'day')
    if (day.day() !== 0 && day.day() !== 6) left -= 1
  }
  return day.toISOString()
}
