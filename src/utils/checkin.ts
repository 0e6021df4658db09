import type { CheckinResult } from '../../types/api'

/** What became of one sign-in, as the result page shows it. */
export type CheckinOutcome =
  | {
      kind: 'done'
      status: CheckinResult['status']
      pointsAwarded: number
      courseTitle: string
      checkedInAt: string
      offline?: boolean
    }
  | { kind: 'refused'; code: string; message: string }
  /** Kept on the phone until the network is back; `key` names the queued entry. */
  | { kind: 'queued'; key: string; scannedAt: string }

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

export function outcomeTitle(outcome: CheckinOutcome): string {
  if (outcome.kind === 'queued') return '已离线保存'
  if (outcome.kind === 'refused') return refusalTitle(outcome.code)
  return outcome.status === 'late' ? '迟到' : '签到成功'
}

/** The result page's query string: everything it shows travels in it (a reload shows the same). */
export function checkinResultQuery(outcome: CheckinOutcome): string {
  const fields: Record<string, string> =
    outcome.kind === 'done'
      ? {
          outcome: 'done',
          status: outcome.status,
          points: String(outcome.pointsAwarded),
          course: outcome.courseTitle,
          at: outcome.checkedInAt,
          ...(outcome.offline ? { offline: '1' } : {}),
        }
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
    return {
      kind,
      status: params.status === 'late' ? 'late' : 'present',
      pointsAwarded: Math.max(0, Number(params.points) || 0),
      courseTitle: decoded(params.course),
      checkedInAt: decoded(params.at),
      offline: params.offline === '1',
    }
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
