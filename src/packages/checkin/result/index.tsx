import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { cx } from '@/components/types'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { recalledCheckin } from '@/stores/checkin-results'
import { flushOfflineCheckins, type FlushOutcome } from '@/stores/offline-checkins'
import {
  CHECKIN_REFUSAL_HINTS,
  outcomeTitle,
  parseCheckinResult,
  recordedTitle,
  refusalCode,
  type CheckinOutcome,
  type RecordedCheckin,
} from '@/utils/checkin'
import { startCheckin } from '@/utils/checkin-flow'
import { APP_EVENTS } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import { formatDateTime } from '@/utils/time'
import './index.scss'

type Tone = 'success' | 'late' | 'error' | 'queued'

const GLYPHS: Record<Tone, string> = { success: '✓', late: '✓', error: '!', queued: '…' }

const RECORDED_TONES: Record<RecordedCheckin['status'], Tone> = {
  present: 'success',
  late: 'late',
  pending: 'queued',
}

/** The settled outcome of the queued sign-in this page is about, if it is among them. */
function settledOutcome(outcomes: readonly FlushOutcome[], key: string): CheckinOutcome | null {
  const mine = outcomes.find((outcome) => outcome.entry.idempotencyKey === key)
  if (!mine) return null
  if (mine.kind === 'done') return { kind: 'done', sessionId: mine.result.sessionId }
  return {
    kind: 'refused',
    code: refusalCode(mine.error.code, mine.error.status),
    message: mine.error.message,
  }
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; error: ApiError }
  | { state: 'loaded'; recorded: RecordedCheckin | null }

/** My sign-in at the session as the server recorded it: its answer from just now, else the session's record. */
function useRecordedCheckin(sessionId: number) {
  const recalled = recalledCheckin(sessionId)
  const [loaded, setLoaded] = useState<Loaded>(
    recalled ? { state: 'loaded', recorded: recalled } : { state: 'loading' },
  )
  const load = useCallback(async () => {
    setLoaded({ state: 'loading' })
    try {
      const session = await courses.session(sessionId)
      const mine = session.myCheckin
      setLoaded({
        state: 'loaded',
        recorded: mine && { ...mine, courseTitle: session.courseTitle },
      })
    } catch (e) {
      setLoaded({ state: 'failed', error: toApiError(e) })
    }
  }, [sessionId])
  useEffect(() => {
    if (!recalled) void load()
    // The answer in memory is the server's; only a reload needs to ask.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load])
  return { loaded, reload: load }
}

function RecordedDetails({ recorded }: { recorded: RecordedCheckin }) {
  return (
    <>
      {recorded.pointsAwarded > 0 ? (
        <Text className="checkin-result__points">积分 +{recorded.pointsAwarded}</Text>
      ) : null}
      {recorded.status === 'late' ? (
        <Text className="checkin-result__detail">已签到，开始10分钟后签到记为迟到</Text>
      ) : null}
      {recorded.status === 'pending' ? (
        <>
          <Text className="checkin-result__detail">已提交，待书记确认</Text>
          <Text className="checkin-result__hint">二维码过期后才送达的离线签到，书记确认后计入出勤和积分</Text>
        </>
      ) : null}
      <View className="checkin-result__facts">
        <Text className="checkin-result__course">{recorded.courseTitle}</Text>
        {recorded.status !== 'pending' ? (
          <Text className="checkin-result__time">签到时间：{formatDateTime(recorded.checkedInAt)}</Text>
        ) : null}
        {recorded.offline && recorded.status !== 'pending' ? (
          <Text className="checkin-result__offline">离线签到已提交</Text>
        ) : null}
      </View>
    </>
  )
}

function Card({ tone, title, children }: { tone: Tone; title: string; children: React.ReactNode }) {
  return (
    <View className={cx('checkin-result__card', `checkin-result__card--${tone}`)} aria-live="polite">
      <View className="checkin-result__icon" aria-hidden="true">
        <Text>{GLYPHS[tone]}</Text>
      </View>
      <Text className="checkin-result__title">{title}</Text>
      {children}
    </View>
  )
}

function Actions({ again, retry }: { again: boolean; retry?: { busy: boolean; onRetry: () => void } }) {
  return (
    <View className="checkin-result__actions">
      {again ? (
        <Button className="checkin-result__again" onClick={() => void startCheckin('redirectTo')}>
          重新签到
        </Button>
      ) : null}
      {retry ? (
        <Button className="checkin-result__retry" loading={retry.busy} onClick={retry.onRetry}>
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
  )
}

/** A sign-in the server answered: what it recorded for me at the session. */
function Recorded({ sessionId }: { sessionId: number }) {
  const { loaded, reload } = useRecordedCheckin(sessionId)
  if (loaded.state !== 'loaded') {
    return (
      <PageShell
        className="checkin-result"
        loading={loaded.state === 'loading'}
        error={loaded.state === 'failed' ? loaded.error : null}
        onRetry={() => void reload()}
      />
    )
  }
  const { recorded } = loaded
  const tone = recorded ? RECORDED_TONES[recorded.status] : 'error'
  return (
    <PageShell className={cx('checkin-result', `checkin-result--${tone}`)} onRefresh={reload}>
      <Card tone={tone} title={recorded ? recordedTitle(recorded) : '没有签到记录'}>
        {recorded ? (
          <RecordedDetails recorded={recorded} />
        ) : (
          <Text className="checkin-result__detail">没有找到你在本场培训的签到记录，请重新签到</Text>
        )}
      </Card>
      <Actions again={!recorded} />
    </PageShell>
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

  if (outcome.kind === 'done') return <Recorded key={outcome.sessionId} sessionId={outcome.sessionId} />

  const retryNow = async () => {
    setRetrying(true)
    try {
      await flushOfflineCheckins()
    } finally {
      setRetrying(false)
    }
  }

  const queued = outcome.kind === 'queued'
  const tone: Tone = queued ? 'queued' : outcome.code === 'ALREADY_CHECKED_IN' ? 'success' : 'error'
  const hint = queued ? undefined : CHECKIN_REFUSAL_HINTS[outcome.code]
  return (
    <PageShell className={cx('checkin-result', `checkin-result--${tone}`)}>
      <Card tone={tone} title={outcomeTitle(outcome)}>
        {queued ? (
          <>
            <Text className="checkin-result__detail">已离线保存，联网后自动提交</Text>
            <Text className="checkin-result__hint">
              {outcome.scannedAt ? `扫码时间 ${formatDateTime(outcome.scannedAt)}。` : ''}
              二维码有效期内送达即签到成功；过期后才送达的，需书记确认后计入
            </Text>
          </>
        ) : (
          <>
            {outcome.message ? <Text className="checkin-result__detail">{outcome.message}</Text> : null}
            {hint && hint !== outcome.message ? <Text className="checkin-result__hint">{hint}</Text> : null}
          </>
        )}
      </Card>
      <Actions
        again={!queued && outcome.code !== 'ALREADY_CHECKED_IN'}
        {...(queued ? { retry: { busy: retrying, onRetry: () => void retryNow() } } : {})}
      />
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
