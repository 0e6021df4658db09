import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { flushOfflineCheckins, queuedCheckins, type FlushOutcome } from '@/stores/offline-checkins'
import { subscribe } from '@/stores/session'
import { refusalCode, refusalTitle } from '@/utils/checkin'
import { APP_EVENTS } from '@/utils/events'
import { watchNetworkReturn } from '@/utils/network-watch'
import { useAppEvent } from './use-app-event'

/** Venue Wi-Fi can be "connected" without reaching anything: try again now and then meanwhile. */
export const OFFLINE_RETRY_MS = 30_000

/** One toast for what a flush settled: 离线签到已提交, or why one was not accepted. */
export function offlineOutcomeMessage(outcomes: readonly FlushOutcome[]): string | null {
  if (outcomes.length === 0) return null
  const refused = outcomes.find((outcome) => outcome.kind === 'refused')
  if (refused?.kind === 'refused') {
    return `离线签到未成功：${refusalTitle(refusalCode(refused.error.code, refused.error.status))}`
  }
  const points = outcomes.reduce(
    (sum, outcome) => sum + (outcome.kind === 'done' ? outcome.result.pointsAwarded : 0),
    0,
  )
  const what = outcomes.length > 1 ? `${outcomes.length}条离线签到已提交` : '离线签到已提交'
  const waiting = outcomes.some((outcome) => outcome.kind === 'done' && outcome.result.status === 'pending')
  if (waiting) return `${what}，待书记确认`
  return points > 0 ? `${what} · 积分 +${points}` : what
}

/**
 * Sends sign-ins queued offline: at start, when the network comes back, when the app is shown again
 * and after a login; tells the member the outcome. For the app component.
 */
export function useOfflineCheckins() {
  useEffect(() => {
    const flush = () => void flushOfflineCheckins()
    flush()
    const stopWatching = watchNetworkReturn(flush)
    const unsubscribe = subscribe((session) => {
      if (session) flush()
    })
    const timer = setInterval(() => {
      if (queuedCheckins().length > 0) flush()
    }, OFFLINE_RETRY_MS)
    return () => {
      stopWatching()
      unsubscribe()
      clearInterval(timer)
    }
  }, [])

  useDidShow(() => {
    void flushOfflineCheckins()
  })

  useAppEvent<[FlushOutcome[]]>(APP_EVENTS.offlineCheckinsSettled, (outcomes) => {
    const title = offlineOutcomeMessage(outcomes)
    if (title) Taro.showToast({ title, icon: 'none', duration: 3000 }).catch(() => undefined)
  })
}
