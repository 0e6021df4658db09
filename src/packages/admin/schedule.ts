import type { WeeklyRule } from '../../../types/api'
import { toDateInput, weekdayOf } from '@/utils/time'

/*
 * The weekly-rule part of the course and session forms: 每周三 19:00，共 6 次. The server turns the
 * rule into sessions; the phone only says it back in words.
 */

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

export interface WeeklyValues {
  /** 1 Monday … 7 Sunday */
  weekday: number
  time: string
  from: string
  count: string
  durationMinutes: string
}

/** From today, on today's weekday, at 19:00, six times of 90 minutes: the common evening class. */
export function initialWeekly(now: number = Date.now()): WeeklyValues {
  return { weekday: weekdayOf(now), time: '19:00', from: toDateInput(now), count: '6', durationMinutes: '90' }
}

/** `每周三 19:00，共 6 次，每次 90 分钟` */
export function describeWeekly(values: WeeklyValues): string {
  const day = WEEKDAYS[values.weekday - 1] ?? ''
  return `每${day} ${values.time}，共 ${values.count || 0} 次，每次 ${values.durationMinutes || 0} 分钟`
}

/** The rule as the server takes it; what is missing is said in a toast instead. */
export function weeklyRule(
  values: WeeklyValues,
  place: { venue: string; lecturer: string },
): WeeklyRule | string {
  if (!place.venue.trim()) return '请填写上课地点'
  if (!place.lecturer.trim()) return '请填写主讲人'
  if (!values.count || Number(values.count) < 1) return '请填写上课次数'
  if (!values.durationMinutes) return '请填写每次时长'
  return {
    weekday: values.weekday,
    time: values.time,
    from: values.from,
    count: Number(values.count),
    durationMinutes: Number(values.durationMinutes),
    venue: place.venue.trim(),
    lecturer: place.lecturer.trim(),
  }
}
