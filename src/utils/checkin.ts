import type { CheckinResult } from '../../types/api'

/**
 * What became of one sign-in, as the result page's link carries it. A sign-in that reached the server
 * names only its session: the page shows what the server recorded, never what a link claims.
 */
export type CheckinOutcome =
  | { kind: 'done'; sessionId: number }
  | { kind: 'refused'; code: string; message: string }
  /** Kept on the phone until the network is back; `key` names the queued entry. */
  | { kind: 'queued'; key: string; scannedAt: string }

/** A sign-in as the server recorded it: from its answer, or from the session's `myCheckin`. */
export interface RecordedCheckin {
  status: CheckinResult['status']
  pointsAwarded: number
  courseTitle: string
  checkedInAt: string
  offline: boolean
}

const RECORDED_TITLES: Record<RecordedCheckin['status'], string> = {
  present: '签到成功',
  late: '迟到',
  pending: '待书记确认',
}

export function recordedTitle(recorded: RecordedCheckin): string {
  return RECORDED_TITLES[recorded.status]
}

/** The one line a toast or a dialog says about a recorded sign-in. */
export function recordedSummary(recorded: RecordedCheckin): string {
  if (recorded.status === 'pending') return `${recorded.courseTitle} · 已提交，待书记确认`
  return recorded.pointsAwarded > 0
    ? `${recorded.courseTitle} · 积分 +${recorded.pointsAwarded}`
    : recorded.courseTitle
}

/** The headline of a refusal, by error code: short, and the same words the product uses. */
export const CHECKIN_REFUSAL_TITLES: Record<string, string> = {
  ALREADY_CHECKED_IN: '已签到',
  CODE_EXPIRED: '二维码已过期',
  CHECKIN_CLOSED: '不在签到时间',
  CODE_INVALID: '签到码无效',
  RATE_LIMITED: '尝试次数过多，请稍后再试',
}

/** What to do next, where the server's own message does not already say it. */
export const CHECKIN_REFUSAL_HINTS: Record<string, string> = {
  ALREADY_CHECKED_IN: '本场培训你已签到，无需重复签到',
  CODE_EXPIRED: '请扫描大屏上最新的二维码，或输入大屏上的6位签到码',
  CODE_INVALID: '请核对大屏上的6位签到码，或重新扫码',
  RATE_LIMITED: '签到码输错次数过多，请10分钟后再试，或直接扫码签到',
}

export function refusalTitle(code: string): string {
  return CHECKIN_REFUSAL_TITLES[code] ?? '签到未成功'
}

/** The error code of a refusal; a 429 without the server's envelope is still a rate limit. */
export function refusalCode(code: string, status: number): string {
  return status === 429 ? 'RATE_LIMITED' : code
}

/** The headline of an outcome that needs no server record (queued or refused). */
export function outcomeTitle(outcome: Exclude<CheckinOutcome, { kind: 'done' }>): string {
  return outcome.kind === 'queued' ? '已离线保存' : refusalTitle(outcome.code)
}

/** The result page's query string. */
export function checkinResultQuery(outcome: CheckinOutcome): string {
  const fields: Record<string, string> =
    outcome.kind === 'done'
      ? { outcome: 'done', session: String(outcome.sessionId) }
      : outcome.kind === 'refused'
        ? { outcome: 'refused', code: outcome.code, message: outcome.message }
        : { outcome: 'queued', key: outcome.key, at: outcome.scannedAt }
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&')
}

function decoded(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The outcome back from the page's params (routers hand them over still encoded or not: both work). */
export function parseCheckinResult(params: Record<string, string | undefined>): CheckinOutcome | null {
  const kind = params.outcome
  if (kind === 'done') {
    const sessionId = Number(decoded(params.session))
    return Number.isInteger(sessionId) && sessionId > 0 ? { kind, sessionId } : null
  }
  if (kind === 'refused') return { kind, code: decoded(params.code), message: decoded(params.message) }
  if (kind === 'queued') return { kind, key: decoded(params.key), scannedAt: decoded(params.at) }
  return null
}

/** Six digits, typed: spaces and anything else are dropped, at most six kept. */
export function normaliseShortCode(input: string): string {
  return input.replace(/\D+/g, '').slice(0, 6)
}

export function isShortCode(value: string): boolean {
  return /^[0-9]{6}$/.test(value)
}
