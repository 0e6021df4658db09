import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useMemo, useState } from 'react'
import type { CheckinFeedItem, SessionDetail } from '../../../../types/api'
import { CountdownBar } from '@/components/countdown-bar'
import { EmptyState } from '@/components/empty-state'
import { QrCode, qrMatrix } from '@/components/qr-code'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import * as courses from '@/services/courses'
import { ROUTES } from '@/utils/routes'
import { formatTime, formatTimeRange } from '@/utils/time'
import { isWide, qrCellSize } from './layout'
import {
  canFullscreen,
  keepScreenOn,
  readViewport,
  toggleFullscreen,
  watchViewport,
  type Viewport,
} from './screen-device'
import { useCheckinFeed } from './use-checkin-feed'
import { useRotatingCode, type RotatingCode } from './use-rotating-code'
import './index.scss'

function useViewport(): Viewport {
  const [viewport, setViewport] = useState(readViewport)
  useEffect(() => watchViewport(setViewport), [])
  return viewport
}

/** The session's facts for the header; retried quietly, the code does not wait for them. */
function useSessionDetail(sessionId: number): SessionDetail | null {
  const [session, setSession] = useState<SessionDetail | null>(null)
  useEffect(() => {
    if (!(sessionId > 0)) return
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = () => {
      courses
        .session(sessionId)
        .then((result) => {
          if (alive) setSession(result)
        })
        .catch(() => {
          if (alive) timer = setTimeout(load, 5_000)
        })
    }
    load()
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [sessionId])
  return session
}

/** What the secretary should know about the window right now. */
function windowNotice(session: SessionDetail | null, now: number): string | null {
  if (!session) return null
  if (now < Date.parse(session.checkinOpensAt))
    return `签到将于 ${formatTime(session.checkinOpensAt)} 开放，现在扫码会提示“不在签到时间”`
  if (now > Date.parse(session.endsAt)) return '本场培训已结束，签到已关闭'
  if (now > Date.parse(session.lateAfter)) return `已过 ${formatTime(session.lateAfter)}，现在签到记为迟到`
  return null
}

/** What stands where the code will be: the server's word on why there is none yet, if it gave one. */
function placeholderText({ reconnecting, refusal }: RotatingCode): string {
  if (reconnecting) return '网络重连中…'
  if (refusal?.code === 'CHECKIN_CLOSED') return '不在签到时间，暂无签到码'
  return refusal ? '暂时无法获取签到码' : '正在获取签到码…'
}

function CodePanel({ rotating, cellSize }: { rotating: RotatingCode; cellSize: number }) {
  const { shown, expired, reconnecting } = rotating
  return (
    <View className="checkin-screen__code-panel">
      <Text className="checkin-screen__instruction">打开“红e园区” → 学习 → 签到，扫码签到</Text>
      <View className={cx('checkin-screen__qr-frame', expired && 'checkin-screen__qr-frame--expired')}>
        {shown ? (
          <QrCode
            className="checkin-screen__qr"
            value={shown.code.code}
            cellSize={cellSize}
            label="签到二维码"
          />
        ) : (
          <View className="checkin-screen__qr-placeholder">
            <Text>{placeholderText(rotating)}</Text>
          </View>
        )}
        {shown && expired ? (
          <View className="checkin-screen__qr-expired">
            <Text>二维码已过期</Text>
            <Text>正在获取新的二维码…</Text>
          </View>
        ) : null}
      </View>
      {shown && !expired ? (
        <CountdownBar
          className="checkin-screen__countdown"
          startedAt={shown.receivedAt}
          endsAt={shown.refreshAt}
          label={(seconds) => `${seconds}秒后更新`}
        />
      ) : null}
      <Text className="checkin-screen__short-label">没有相机？在手机上输入签到码</Text>
      <Text
        className={cx(
          'checkin-screen__short-code',
          (!shown || expired) && 'checkin-screen__short-code--stale',
        )}
        aria-label={shown ? `签到码 ${shown.code.shortCode.split('').join(' ')}` : '签到码获取中'}
      >
        {shown ? shown.code.shortCode : '------'}
      </Text>
      {reconnecting ? (
        <Text className="checkin-screen__status" aria-live="polite">
          网络重连中…
        </Text>
      ) : null}
    </View>
  )
}

function FeedItem({ item }: { item: CheckinFeedItem }) {
  return (
    <View className="checkin-screen__item">
      <Text className="checkin-screen__name">{item.name}</Text>
      {item.branchName ? <Text className="checkin-screen__branch">{item.branchName}</Text> : null}
      {item.status === 'late' ? (
        <Tag type="gold" className="checkin-screen__late">
          迟到
        </Tag>
      ) : null}
      <Text className="checkin-screen__time">{formatTime(item.checkedInAt)}</Text>
    </View>
  )
}

function Screen({ sessionId }: { sessionId: number }) {
  const viewport = useViewport()
  const session = useSessionDetail(sessionId)
  const rotating = useRotatingCode(sessionId)
  const feed = useCheckinFeed(sessionId, rotating.refusal?.status !== 403)
  const wide = isWide(viewport)
  const code = rotating.shown?.code.code ?? ''
  const modules = useMemo(() => (code ? qrMatrix(code).length : 25), [code])
  const cellSize = qrCellSize(viewport, modules)

  useEffect(() => keepScreenOn(), [])

  const fatal =
    rotating.refusal && [401, 403, 404].includes(rotating.refusal.status) ? rotating.refusal : null
  if (fatal) {
    return (
      <View className="checkin-screen checkin-screen--fatal">
        <EmptyState
          kind="error"
          text={fatal.status === 404 ? '签到场次不存在或无权查看' : fatal.message}
          hint="签到屏仅限课程所在支部书记和园区管理员打开"
          actionText="返回签到管理"
          onAction={() => Taro.redirectTo({ url: ROUTES.sessionsManage }).catch(() => undefined)}
        />
      </View>
    )
  }

  const notice = rotating.refusal?.message ?? windowNotice(session, rotating.shown?.receivedAt ?? Date.now())
  const leave = () => {
    Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.sessionsManage }).catch(() => undefined))
  }

  return (
    <View className={cx('checkin-screen', wide ? 'checkin-screen--wide' : 'checkin-screen--narrow')}>
      <View className="checkin-screen__header">
        <View className="checkin-screen__heading">
          <Text className="checkin-screen__course">{session?.courseTitle ?? '培训签到'}</Text>
          {session ? (
            <Text className="checkin-screen__meta">
              {formatTimeRange(session.startsAt, session.endsAt)} · {session.venue} · 主讲 {session.lecturer}
            </Text>
          ) : null}
        </View>
        <View className="checkin-screen__tools">
          {canFullscreen() ? (
            <Button className="checkin-screen__tool" onClick={toggleFullscreen}>
              全屏
            </Button>
          ) : null}
          <Button className="checkin-screen__tool" onClick={leave}>
            退出
          </Button>
        </View>
      </View>
      <View className="checkin-screen__main">
        <CodePanel rotating={rotating} cellSize={cellSize} />
        <View className="checkin-screen__live">
          {/* Beside the code, not above it: the code keeps the full height. */}
          {notice ? <Text className="checkin-screen__notice">{notice}</Text> : null}
          <View className="checkin-screen__counter" aria-live="polite">
            <Text className="checkin-screen__count">{feed.count}</Text>
            <Text className="checkin-screen__count-unit">人已签到</Text>
            {feed.lateCount > 0 ? (
              <Text className="checkin-screen__late-count">其中迟到 {feed.lateCount} 人</Text>
            ) : null}
          </View>
          {feed.items.length > 0 ? (
            <View className="checkin-screen__list">
              {feed.items.map((item) => (
                <FeedItem key={item.id} item={item} />
              ))}
            </View>
          ) : (
            <Text className="checkin-screen__empty">
              {feed.loaded ? '等待第一位签到…' : '正在加载签到名单…'}
            </Text>
          )}
        </View>
      </View>
    </View>
  )
}

export default function CheckinScreenPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const sessionId = Number(router?.params?.sessionId)
  if (!session) return null
  if (!(Number.isInteger(sessionId) && sessionId > 0)) {
    return (
      <View className="checkin-screen checkin-screen--fatal">
        <EmptyState kind="error" text="签到场次不存在或无权查看" />
      </View>
    )
  }
  return <Screen sessionId={sessionId} />
}
