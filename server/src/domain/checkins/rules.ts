import { AppError, validationFailed } from '../../errors'
import type { CheckinBody } from '../../schemas'
import { formatParkTime, MINUTE_MS, toIso } from '../park-time'
import { matchShortCode, readCode, slotExpiry, slotStart, type CodeKeys } from './code'

/** The sign-in window opens 30 minutes before the start and closes at the end… */
export const CHECKIN_OPENS_BEFORE_MS = 30 * MINUTE_MS
/** …and a sign-in more than 10 minutes after the start is late. */
export const LATE_AFTER_MS = 10 * MINUTE_MS
/** A sign-in queued offline must reach the server within 10 minutes of its code's expiry. */
export const OFFLINE_GRACE_MS = 10 * MINUTE_MS
/** How far a phone's clock (scannedAt) or another server's (a code's slot) may run ahead of ours. */
export const CLOCK_SKEW_MS = 30 * 1000

export const codeInvalid = () => new AppError(422, 'CODE_INVALID', '签到码无效,请扫描现场大屏上的二维码')
export const codeExpired = () => new AppError(422, 'CODE_EXPIRED', '二维码已过期,请扫描大屏上最新的二维码')
export const alreadyCheckedIn = (message = '您已签到,无需重复签到') =>
  new AppError(409, 'ALREADY_CHECKED_IN', message)

/** What a genuine, live code says: which session, and when the member was there. */
export interface CheckinClaim {
  sessionId: number
  /** The moment that decides the window and lateness: the scan time offline, else now. */
  at: number
  /** True for a sign-in queued on the phone (it carries `scannedAt`). */
  offline: boolean
}

/**
 * Checks a QR code or a short code against the clock. A code is good from its slot's start until
 * 30 s later. An offline sign-in is judged at its scan time, and must arrive within the grace.
 */
export function verifyCheckinCode(keys: CodeKeys, body: CheckinBody, now: Date): CheckinClaim {
  const arrived = now.getTime()
  const scannedAt = body.scannedAt === undefined ? null : Date.parse(body.scannedAt)
  if (scannedAt !== null && (Number.isNaN(scannedAt) || scannedAt > arrived + CLOCK_SKEW_MS)) {
    throw validationFailed('body/scannedAt 不能晚于当前时间')
  }
  const at = scannedAt ?? arrived

  let sessionId: number
  let slot: number
  if ('code' in body) {
    const read = readCode(keys, body.code)
    if (!read) throw codeInvalid()
    ;({ sessionId, slot } = read)
  } else {
    const matched = matchShortCode(keys, body.sessionId, body.shortCode, at)
    if (matched === null) throw codeInvalid()
    sessionId = body.sessionId
    slot = matched
  }

  // Scanned before the code existed: a made-up scan time (or a code from the future).
  if (at < slotStart(slot) - CLOCK_SKEW_MS) throw codeInvalid()
  const expiry = slotExpiry(slot)
  if (at > expiry) throw codeExpired()
  if (scannedAt !== null && arrived > expiry + OFFLINE_GRACE_MS) throw codeExpired()
  return { sessionId, at, offline: scannedAt !== null }
}

/** present or late at `at`, or CHECKIN_CLOSED outside the window. */
export function attendanceAt(
  session: { starts_at: string; ends_at: string },
  at: number,
): 'present' | 'late' {
  const startsAt = Date.parse(session.starts_at)
  if (at < startsAt - CHECKIN_OPENS_BEFORE_MS) {
    const opens = toIso(startsAt - CHECKIN_OPENS_BEFORE_MS)
    throw new AppError(422, 'CHECKIN_CLOSED', `不在签到时间:签到将于 ${formatParkTime(opens)} 开始`)
  }
  if (at > Date.parse(session.ends_at)) {
    throw new AppError(422, 'CHECKIN_CLOSED', '不在签到时间:本场培训已结束,签到已关闭')
  }
  return at > startsAt + LATE_AFTER_MS ? 'late' : 'present'
}
