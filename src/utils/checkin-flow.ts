import Taro from '@tarojs/taro'
import { checkIn, type CheckinAttempt, type CheckinCredential } from '@/stores/offline-checkins'
import { checkinResultQuery, outcomeTitle, refusalCode, type CheckinOutcome } from './checkin'
import { canScanCheckin, scanCheckinCode } from './checkin-scanner'
import { ROUTES } from './routes'

export function outcomeOf(attempt: CheckinAttempt): CheckinOutcome {
  switch (attempt.kind) {
    case 'done':
      return {
        kind: 'done',
        status: attempt.result.status,
        pointsAwarded: attempt.result.pointsAwarded,
        courseTitle: attempt.result.courseTitle,
        checkedInAt: attempt.result.checkedInAt,
        offline: attempt.result.offline,
      }
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
  const outcome = outcomeOf(attempt)
  const url = ROUTES.checkinResult(checkinResultQuery(outcome))
  try {
    await (navigation === 'redirectTo' ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
  } catch {
    // The result page could not open (its code not loaded while offline): say it here instead.
    Taro.showModal({
      title: outcomeTitle(outcome),
      content: outcome.kind === 'queued' ? '已离线保存，联网后自动提交' : outcomeDetail(outcome),
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#C8161D',
    }).catch(() => undefined)
  }
  return attempt
}

function outcomeDetail(outcome: CheckinOutcome): string {
  if (outcome.kind === 'refused') return outcome.message
  if (outcome.kind === 'done')
    return outcome.pointsAwarded > 0
      ? `${outcome.courseTitle} · 积分 +${outcome.pointsAwarded}`
      : outcome.courseTitle
  return ''
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
