import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.locale('zh-cn')

/**
 * The park is in Xiamen: times are shown in China Standard Time (UTC+8, no daylight saving)
 * whatever the device's time zone, so a notice says the same hour on every phone and laptop.
 */
const CHINA_OFFSET_MINUTES = 8 * 60

type TimeInput = string | number | Date

function inChina(value: TimeInput) {
  return dayjs(value).utcOffset(CHINA_OFFSET_MINUTES)
}

/** `11月24日 周二 14:00` */
export function formatDateTime(value: TimeInput): string {
  return inChina(value).format('M月D日 ddd HH:mm')
}

/** `11月24日 周二` */
export function formatDate(value: TimeInput): string {
  return inChina(value).format('M月D日 ddd')
}

/** `2026年11月24日 14:00`, for a detail page where the year matters. */
export function formatFullDateTime(value: TimeInput): string {
  return inChina(value).format('YYYY年M月D日 HH:mm')
}

/** `14:00` */
export function formatTime(value: TimeInput): string {
  return inChina(value).format('HH:mm')
}

/** `11月24日 周二 14:00–16:00` on one day, otherwise both ends in full. */
export function formatTimeRange(start: TimeInput, end: TimeInput): string {
  const from = inChina(start)
  const to = inChina(end)
  if (from.format('YYYY-MM-DD') === to.format('YYYY-MM-DD'))
    return `${formatDateTime(start)}–${formatTime(end)}`
  return `${formatDateTime(start)} 至 ${formatDateTime(end)}`
}

/** `2026-11-24`, the value of a date picker, in China time. */
export function toDateInput(value: TimeInput): string {
  return inChina(value).format('YYYY-MM-DD')
}

/** The weekday of a moment in China time: 1 Monday … 7 Sunday. */
export function weekdayOf(value: TimeInput): number {
  return inChina(value).day() || 7
}

/** `14:00`, the value of a time picker, in China time. */
export function toTimeInput(value: TimeInput): string {
  return inChina(value).format('HH:mm')
}

/** Date and time pickers (China time) → the API's ISO 8601 UTC string. */
export function fromDateTimeInput(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString()
}

/**
 * Relative to `now`: 刚刚, 5分钟前, 2小时后, then calendar days (今天/昨天/明天/3天前/3天后),
 * then months and years.
 */
export function formatRelative(value: TimeInput, now: TimeInput = Date.now()): string {
  const target = inChina(value)
  const base = inChina(now)
  const minutes = target.diff(base, 'minute')
  const abs = Math.abs(minutes)
  const suffix = minutes < 0 ? '前' : '后'
  if (abs < 1) return '刚刚'
  if (abs < 60) return `${abs}分钟${suffix}`

  const days = target.startOf('day').diff(base.startOf('day'), 'day')
  if (days === 0) return `${Math.floor(abs / 60)}小时${suffix}`
  if (days === -1) return '昨天'
  if (days === 1) return '明天'
  const absDays = Math.abs(days)
  if (absDays < 30) return `${absDays}天${suffix}`
  const months = Math.abs(target.startOf('day').diff(base.startOf('day'), 'month'))
  if (months < 12) return `${Math.max(months, 1)}个月${suffix}`
  return `${Math.floor(months / 12)}年${suffix}`
}
