import { validationFailed } from '../../errors'
import type { EventStatus } from '../../schemas'
import type { CurrentUser } from '../users/mapper'

const HOUR = 3600 * 1000
/** Unless the organiser says otherwise, members may cancel until two hours before the start. */
export const DEFAULT_CANCEL_LEAD_MS = 2 * HOUR

/** Who is looking at events, and what they may organise. */
export interface EventViewer {
  id: number
  branchId: number | null
  parkAdmin: boolean
  secretary: boolean
}

export function eventViewerOf(user: CurrentUser): EventViewer {
  return {
    id: user.id,
    branchId: user.branch?.id ?? null,
    parkAdmin: user.roles.includes('park_admin'),
    secretary: user.roles.includes('secretary'),
  }
}

/** Park-wide events and the viewer's own branch's; park admins see every event. */
export function canView(viewer: EventViewer, eventBranchId: number | null): boolean {
  return viewer.parkAdmin || eventBranchId === null || eventBranchId === viewer.branchId
}

/** Organisers: a park admin for every event, a secretary for their own branch's events. */
export function canManage(viewer: EventViewer, eventBranchId: number | null): boolean {
  if (viewer.parkAdmin) return true
  return viewer.secretary && eventBranchId !== null && eventBranchId === viewer.branchId
}

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

/** An ISO time from the client, normalised to UTC with milliseconds (`…T06:00:00.000Z`). */
export function normaliseTime(value: string, field: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw validationFailed(`body/${field} 格式不正确`)
  return new Date(ms).toISOString()
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
  return new Date(Date.parse(startsAt) - DEFAULT_CANCEL_LEAD_MS).toISOString()
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
