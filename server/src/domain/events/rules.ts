import { validationFailed } from '../../errors'
import type { EventStatus } from '../../schemas'
import { HOUR_MS, shiftIso } from '../park-time'

/** Unless the organiser says otherwise, members may cancel until two hours before the start. */
export const DEFAULT_CANCEL_LEAD_MS = 2 * HOUR_MS

export interface EventClock {
  ends_at: string
  signup_deadline: string
  cancel_deadline: string
  cancelled_at: string | null
  capacity: number
  confirmed_count: number
}

export function eventStatus(event: EventClock, now: Date): EventStatus {
  const at = now.toISOString()
  if (event.cancelled_at !== null) return 'cancelled'
  if (event.ends_at < at) return 'ended'
  if (at > event.signup_deadline) return 'closed'
  if (event.confirmed_count >= event.capacity) return 'full'
  return 'open'
}

/** Why signing up is refused now, or null when it is allowed (a full event still takes a waitlist). */
export function signupClosedReason(event: EventClock, now: Date): string | null {
  switch (eventStatus(event, now)) {
    case 'cancelled':
      return '活动已取消,无法报名'
    case 'ended':
      return '活动已结束,无法报名'
    case 'closed':
      return '报名已截止'
    default:
      return null
  }
}

export function cancelDeadlinePassed(event: EventClock, now: Date): boolean {
  return now.toISOString() > event.cancel_deadline
}

export interface EventTimes {
  startsAt: string
  endsAt: string
  signupDeadline: string
  cancelDeadline: string
}

export function defaultSignupDeadline(startsAt: string): string {
  return startsAt
}

export function defaultCancelDeadline(startsAt: string): string {
  return shiftIso(startsAt, -DEFAULT_CANCEL_LEAD_MS)
}

/** An event is put on for a time to come: its start may not have passed already. */
export function checkStartNotPast(startsAt: string, now: Date): void {
  if (startsAt < now.toISOString()) throw validationFailed('body/startsAt 活动开始时间不能早于当前时间')
}

/** The end comes after the start, and both deadlines fall no later than the start. */
export function checkEventTimes(times: EventTimes): void {
  if (times.endsAt <= times.startsAt) throw validationFailed('body/endsAt 必须晚于开始时间 startsAt')
  if (times.signupDeadline > times.startsAt) {
    throw validationFailed('body/signupDeadline 报名截止时间不能晚于活动开始时间')
  }
  if (times.cancelDeadline > times.startsAt) {
    throw validationFailed('body/cancelDeadline 取消截止时间不能晚于活动开始时间')
  }
}
