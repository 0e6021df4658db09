import { AppError, validationFailed } from '../../errors'
import type { CheckinBody, CheckinWindowStatus } from '../../schemas'
import { formatParkTime, MINUTE_MS, toIso } from '../park-time'
import { matchShortCode, readCode, slotExpiry, slotStart, type CodeKeys } from './code'

/** The sign-in window opens 30 minutes before the start and closes at the end… */
export const CHECKIN_OPENS_BEFORE_MS = 30 * MINUTE_MS
/** …and a sign-in more than 10 minutes after the start is late. */
export const LATE_AFTER_MS = 10 * MINUTE_MS
/** A sign-in queued offline may reach the server up to 10 minutes after its code expired (as pending). */
export const OFFLINE_GRACE_MS = 10 * MINUTE_MS
/** How far a phone's clock (scannedAt) or another server's (a code's slot) may run ahead of ours. */
export const CLOCK_SKEW_MS = 30 * 1000

export const codeInvalid = () => new AppError(422, 'CODE_INVALID', '签到码无效,请扫描现场大屏上的二维码')
export const codeExpired = () => new AppError(422, 'CODE_EXPIRED', '二维码已过期,请扫描大屏上最新的二维码')
export const alreadyCheckedIn = (message = '您已签到,无需重复签到') =>
  new AppError(409, 'ALREADY_CHECKED_IN', message)

/** What a genuine code says: which session, when it was on the screen, and whether it still counts. */
export interface CheckinClaim {
  sessionId: number
  /** When the code was shown: the start of its slot, signed by the server. */
  codeAt: number
  /**
   * The code had expired when the sign-in arrived (a queued one, within the grace): it is stored as
   * pending and counts only once an organiser confirms it. A relayed code is worth nothing alone.
   */
  pending: boolean
  /** Sent from the phone's offline queue (it carries `scannedAt`). */
  offline: boolean
  /** The phone's own word on when it scanned: kept for the record, never believed. */
  scannedAt: number | null
}

/**
 * Checks a QR code or a short code against the server's clock. A code counts from its slot's start
 * until 30 s later. One queued offline (with `scannedAt`) that arrives after that, but within 10
 * minutes, becomes pending; `scannedAt` never decides lateness and never makes a sign-in count.
 */
export function verifyCheckinCode(keys: CodeKeys, body: CheckinBody, now: Date): CheckinClaim {
  const arrived = now.getTime()
  const scannedAt = body.scannedAt === undefined ? null : Date.parse(body.scannedAt)
  if (scannedAt !== null && (Number.isNaN(scannedAt) || scannedAt > arrived + CLOCK_SKEW_MS)) {
    throw validationFailed('body/scannedAt 不能晚于当前时间')
  }
  // A short code typed offline is looked for among the codes shown when it was typed.
  const seenAt = scannedAt ?? arrived

  let sessionId: number
  let slot: number
  if ('code' in body) {
    const read = readCode(keys, body.code)
    if (!read) throw codeInvalid()
    ;({ sessionId, slot } = read)
  } else {
    const matched = matchShortCode(keys, body.sessionId, body.shortCode, seenAt)
    if (matched === null) throw codeInvalid()
    sessionId = body.sessionId
    slot = matched
  }

  // Seen before the code existed: a made-up scan time (or a code from the future).
  if (Math.min(seenAt, arrived) < slotStart(slot) - CLOCK_SKEW_MS) throw codeInvalid()
  const expiry = slotExpiry(slot)
  const claim = { sessionId, codeAt: slotStart(slot), offline: scannedAt !== null, scannedAt }
  if (arrived <= expiry) return { ...claim, pending: false }
  if (scannedAt === null || scannedAt > expiry || arrived > expiry + OFFLINE_GRACE_MS) throw codeExpired()
  return { ...claim, pending: true }
}

/** A guess that does not sign in: a code that is not the session's, or no longer alive. */
export function isWrongCode(keys: CodeKeys, body: CheckinBody, now: Date): boolean {
  try {
    verifyCheckinCode(keys, body, now)
    return false
  } catch (error) {
    return error instanceof AppError && (error.code === 'CODE_INVALID' || error.code === 'CODE_EXPIRED')
  }
}

/** When the sign-in window of a session opens (ms). */
export const checkinOpensAt = (session: { starts_at: string }): number =>
  Date.parse(session.starts_at) - CHECKIN_OPENS_BEFORE_MS

/** Why the window is closed at `at`, or null while it is open (30 minutes before the start to the end). */
export function checkinClosedReason(
  session: { starts_at: string; ends_at: string; cancelled_at?: string | null },
  at: number,
): string | null {
  if (session.cancelled_at) return '本场培训已取消,无需签到'
  switch (checkinStatus(session, at)) {
    case 'not_open':
      return `不在签到时间:签到将于 ${formatParkTime(toIso(checkinOpensAt(session)))} 开始`
    case 'closed':
      return '不在签到时间:本场培训已结束,签到已关闭'
    case 'open':
      return null
  }
}

/** Sessions whose window is open at `now` start by `startsBy` and end at `endsFrom` or later. */
export function openWindowBounds(now: Date): { startsBy: string; endsFrom: string } {
  return { startsBy: toIso(now.getTime() + CHECKIN_OPENS_BEFORE_MS), endsFrom: now.toISOString() }
}

/** The window as of `at`: not open yet, open, or closed for good. */
export function checkinStatus(
  session: { starts_at: string; ends_at: string; cancelled_at?: string | null },
  at: number,
): CheckinWindowStatus {
  if (session.cancelled_at) return 'closed'
  if (at < checkinOpensAt(session)) return 'not_open'
  return at > Date.parse(session.ends_at) ? 'closed' : 'open'
}

export const checkinClosed = (reason: string) => new AppError(422, 'CHECKIN_CLOSED', reason)

/**
 * The moment a pending sign-in is judged by once confirmed: when its code was on the screen (no
 * earlier than the window's opening, as codes are shown from then on).
 */
export const pendingCheckinAt = (session: { starts_at: string }, codeAt: number): number =>
  Math.max(codeAt, checkinOpensAt(session))

/** present or late at `at`, or CHECKIN_CLOSED outside the window. */
export function attendanceAt(
  session: { starts_at: string; ends_at: string; cancelled_at?: string | null },
  at: number,
): 'present' | 'late' {
  const closed = checkinClosedReason(session, at)
  if (closed) throw checkinClosed(closed)
  return at > Date.parse(session.starts_at) + LATE_AFTER_MS ? 'late' : 'present'
}
