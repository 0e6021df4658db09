import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { cx } from '@/components/types'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { flushOfflineCheckins, type FlushOutcome } from '@/stores/offline-checkins'
import {
  CHECKIN_REFUSAL_HINTS,
  outcomeTitle,
  parseCheckinResult,
  refusalCode,
  type CheckinOutcome,
} from '@/utils/checkin'
import { startCheckin } from '@/utils/checkin-flow'
import { APP_EVENTS } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import { formatDateTime } from '@/utils/time'
import './index.scss'

type Tone = 'success' | 'late' | 'error' | 'queued'

function toneOf(outcome: CheckinOutcome): Tone {
  if (outcome.kind === 'queued') return 'queued'
  if (outcome.kind === 'refused') return outcome.code === 'ALREADY_CHECKED_IN' ? 'success' : 'error'
  return outcome.status === 'late' ? 'late' : 'success'
}

const GLYPHS: Record<Tone, string> = { success: '✓', late: '✓', error: '!', queued: '…' }

/** The settled outcome of the queued sign-in this page is about, if it is among them. */
function settledOutcome(outcomes: readonly FlushOutcome[], key: string): CheckinOutcome | null {
  const mine = outcomes.find((outcome) => outcome.entry.idempotencyKey === key)
  if (!mine) return null
  if (mine.kind === 'done') {
    return {
      kind: 'done',
      status: mine.result.status,
      pointsAwarded: mine.result.pointsAwarded,
      courseTitle: mine.result.courseTitle,
      checkedInAt: mine.result.checkedInAt,
      offline: true,
    }
  }
  return {
    kind: 'refused',
    code: refusalCode(mine.error.code, mine.error.status),
    message: mine.error.message,
  }
}

function Details({ outcome }: { outcome: CheckinOutcome }) {
  if (outcome.kind === 'done') {
    return (
      <>
        {outcome.pointsAwarded > 0 ? (
          <Text className="checkin-result__points">积分 +{outcome.pointsAwarded}</Text>
        ) : null}
        {outcome.status === 'late' ? (
          <Text className="checkin-result__detail">已签到，开始10分钟后签到记为迟到</Text>
        ) : null}
        <View className="checkin-result__facts">
          <Text className="checkin-result__course">{outcome.courseTitle}</Text>
          {outcome.checkedInAt ? (
            <Text className="checkin-result__time">签到时间：{formatDateTime(outcome.checkedInAt)}</Text>
          ) : null}
          {outcome.offline ? <Text className="checkin-result__offline">离线签到已提交</Text> : null}
        </View>
      </>
    )
  }
  if (outcome.kind === 'queued') {
    return (
      <>
        <Text className="checkin-result__detail">已离线保存，联网后自动提交</Text>
        <Text className="checkin-result__hint">
          {outcome.scannedAt ? `扫码时间 ${formatDateTime(outcome.scannedAt)}，` : ''}
          按扫码时间计算签到，无需重复签到
        </Text>
      </>
    )
  }
  const hint = CHECKIN_REFUSAL_HINTS[outcome.code]
  return (
    <>
      {outcome.message ? <Text className="checkin-result__detail">{outcome.message}</Text> : null}
      {hint && hint !== outcome.message ? <Text className="checkin-result__hint">{hint}</Text> : null}
    </>
  )
}

function Result({ initial }: { initial: CheckinOutcome }) {
  const [outcome, setOutcome] = useState(initial)
  const [retrying, setRetrying] = useState(false)

  // Queued here: the app sends it when the network is back; the page then shows the answer.
  useAppEvent<[FlushOutcome[]]>(APP_EVENTS.offlineCheckinsSettled, (outcomes) => {
    if (outcome.kind !== 'queued') return
    const settled = settledOutcome(outcomes, outcome.key)
    if (settled) setOutcome(settled)
  })

  const retryNow = async () => {
    setRetrying(true)
    try {
      await flushOfflineCheckins()
    } finally {
      setRetrying(false)
    }
  }

  const tone = toneOf(outcome)
  const again = outcome.kind === 'refused' && outcome.code !== 'ALREADY_CHECKED_IN'
  return (
    <PageShell className={cx('checkin-result', `checkin-result--${tone}`)}>
      <View className="checkin-result__card" aria-live="polite">
        <View className="checkin-result__icon" aria-hidden="true">
          <Text>{GLYPHS[tone]}</Text>
        </View>
        <Text className="checkin-result__title">{outcomeTitle(outcome)}</Text>
        <Details outcome={outcome} />
      </View>
      <View className="checkin-result__actions">
        {again ? (
          <Button className="checkin-result__again" onClick={() => void startCheckin('redirectTo')}>
            重新签到
          </Button>
        ) : null}
        {outcome.kind === 'queued' ? (
          <Button
            className="checkin-result__retry"
            {...(retrying ? { loading: true, disabled: true } : {})}
            onClick={() => void retryNow()}
          >
            立即重试提交
          </Button>
        ) : null}
        <Button
          className="checkin-result__back"
          onClick={() => Taro.switchTab({ url: ROUTES.study }).catch(() => undefined)}
        >
          返回学习
        </Button>
      </View>
    </PageShell>
  )
}

export default function CheckinResultPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const outcome = parseCheckinResult((router?.params ?? {}) as Record<string, string | undefined>)
  if (!session) return null
  if (!outcome) {
    return <Result initial={{ kind: 'refused', code: 'UNKNOWN', message: '没有找到签到结果，请重新签到' }} />
  }
  return <Result initial={outcome} />
}
