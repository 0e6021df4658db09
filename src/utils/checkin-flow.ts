import Taro from '@tarojs/taro'
import { rememberCheckin } from '@/stores/checkin-results'
import { checkIn, type CheckinAttempt, type CheckinCredential } from '@/stores/offline-checkins'
import {
  checkinResultQuery,
  outcomeTitle,
  recordedSummary,
  recordedTitle,
  refusalCode,
  type CheckinOutcome,
} from './checkin'
import { canScanCheckin, scanCheckinCode } from './checkin-scanner'
import { ROUTES } from './routes'

export function outcomeOf(attempt: CheckinAttempt): CheckinOutcome {
  switch (attempt.kind) {
    case 'done':
      return { kind: 'done', sessionId: attempt.result.sessionId }
    case 'refused':
      return {
        kind: 'refused',
        code: refusalCode(attempt.error.code, attempt.error.status),
        message: attempt.error.message,
      }
    case 'queued':
      return { kind: 'queued', key: attempt.entry.idempotencyKey, scannedAt: attempt.entry.scannedAt }
  }
}

export type Navigation = 'navigateTo' | 'redirectTo'

/** Signs in (or queues the sign-in) and shows the result page. */
export async function submitCheckin(
  credential: CheckinCredential,
  navigation: Navigation = 'navigateTo',
): Promise<CheckinAttempt> {
  Taro.showLoading({ title: '签到中…', mask: true }).catch(() => undefined)
  let attempt: CheckinAttempt
  try {
    attempt = await checkIn(credential)
  } finally {
    Taro.hideLoading()
  }
  if (attempt.kind === 'done') rememberCheckin(attempt.result)
  const url = ROUTES.checkinResult(checkinResultQuery(outcomeOf(attempt)))
  try {
    await (navigation === 'redirectTo' ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
  } catch {
    // The result page could not open (its code not loaded while offline): say it here instead.
    Taro.showModal({
      ...attemptDialog(attempt),
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#C8161D',
    }).catch(() => undefined)
  }
  return attempt
}

function attemptDialog(attempt: CheckinAttempt): { title: string; content: string } {
  if (attempt.kind === 'done')
    return { title: recordedTitle(attempt.result), content: recordedSummary(attempt.result) }
  if (attempt.kind === 'queued') return { title: '已离线保存', content: '已离线保存，联网后自动提交' }
  const outcome = outcomeOf(attempt) as Extract<CheckinOutcome, { kind: 'refused' }>
  return { title: outcomeTitle(outcome), content: outcome.message }
}

/** 签到: scan the screen where there is a scanner, otherwise the short-code page. */
export async function startCheckin(navigation: Navigation = 'navigateTo'): Promise<void> {
  if (!canScanCheckin) {
    const url = ROUTES.checkinEnter
    await (navigation === 'redirectTo' ? Taro.redirectTo({ url }) : Taro.navigateTo({ url })).catch(
      () => undefined,
    )
    return
  }
  const code = await scanCheckinCode()
  if (code) await submitCheckin({ code }, navigation)
}
