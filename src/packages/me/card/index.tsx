import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { MemberCard } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { QrCode } from '@/components/qr-code'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as cards from '@/services/cards'
import { POLITICAL_STATUS_LABELS } from '@/utils/labels'
import { cardRefreshDelay, myCardLabel } from '@/utils/member-card'
import { keepScreenOn } from './keep-screen-on'
import './index.scss'

/** After a failed refresh, try again this soon: the card on screen is running out. */
const RETRY_MS = 5_000
/** Coming back to the page within this long after a fetch keeps the card on screen. */
const FRESH_ON_SHOW_MS = 3_000

function CardFace({ card, children }: { card: MemberCard; children: ReactNode }) {
  const { member } = card
  return (
    <View className="member-card">
      <View className="member-card__header">
        <Text className="member-card__emblem" aria-hidden="true">
          ★
        </Text>
        <Text className="member-card__heading">{card.title}</Text>
        <Text className="member-card__issuer">红e园区</Text>
      </View>
      <View className="member-card__body">
        <Text className="member-card__name">{member.name}</Text>
        <View className="member-card__fields">
          <View className="member-card__field">
            <Text className="member-card__key">政治面貌</Text>
            <Text className="member-card__value member-card__status">
              {POLITICAL_STATUS_LABELS[member.politicalStatus]}
            </Text>
          </View>
          <View className="member-card__field">
            <Text className="member-card__key">所在支部</Text>
            <Text className="member-card__value member-card__branch">
              {member.branch?.name ?? '未加入支部'}
            </Text>
          </View>
          <View className="member-card__field">
            <Text className="member-card__key">工作单位</Text>
            <Text className="member-card__value member-card__company">{member.company?.name ?? '—'}</Text>
          </View>
        </View>
        {children}
      </View>
    </View>
  )
}

function Card() {
  const [card, setCard] = useState<MemberCard | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [refreshing, setRefreshing] = useState(false)
  const [refreshAt, setRefreshAt] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const visible = useRef(true)
  const inFlight = useRef(false)
  const fetchedAt = useRef(0)
  const mounted = useRef(true)

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  const load = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    stopTimer()
    setRefreshing(true)
    let next: number | null = null
    try {
      const fresh = await cards.myCard()
      if (!mounted.current) return
      const receivedAt = Date.now()
      const delay = cardRefreshDelay(fresh, receivedAt)
      fetchedAt.current = receivedAt
      setCard(fresh)
      setError(null)
      setRefreshAt(receivedAt + delay)
      next = delay
    } catch (e) {
      if (!mounted.current) return
      const apiError = toApiError(e)
      setError(apiError)
      setRefreshAt(null)
      if (apiError.status !== 401) next = RETRY_MS
    } finally {
      inFlight.current = false
      if (mounted.current) {
        setLoading(false)
        setRefreshing(false)
        if (next !== null && visible.current) {
          timer.current = setTimeout(() => void load(), next)
        }
      }
    }
  }, [])

  // The navigation bar says what the card says: 我的党员名片 only for party members.
  const title = card?.title
  useEffect(() => {
    if (title) Taro.setNavigationBarTitle({ title: myCardLabel(title) }).catch(() => undefined)
  }, [title])

  useEffect(() => {
    mounted.current = true
    keepScreenOn(true)
    void load()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      mounted.current = false
      clearInterval(tick)
      stopTimer()
      keepScreenOn(false)
    }
  }, [load])

  useDidShow(() => {
    visible.current = true
    keepScreenOn(true)
    // Back from the background: the card may have run out meanwhile.
    if (Date.now() - fetchedAt.current > FRESH_ON_SHOW_MS) void load()
  })
  useDidHide(() => {
    visible.current = false
    stopTimer()
    keepScreenOn(false)
  })

  const expired = card !== null && Date.parse(card.expiresAt) <= now && error !== null
  const secondsLeft = refreshAt === null ? null : Math.max(0, Math.ceil((refreshAt - now) / 1000))

  let status: ReactNode
  // A failed refresh stays on screen while it is retried, so the message does not flicker.
  if (error)
    status = (
      <View className="member-card__problem" aria-live="polite">
        <Text className="member-card__problem-text">
          {expired ? '名片已过期' : '刷新失败'}：{error.message}
        </Text>
        <Button className="member-card__retry" loading={refreshing} onClick={() => void load()}>
          立即刷新
        </Button>
      </View>
    )
  else if (refreshing) status = <Text className="member-card__countdown">正在刷新…</Text>
  else if (secondsLeft !== null)
    status = <Text className="member-card__countdown">{secondsLeft}秒后刷新</Text>

  return (
    <PageShell
      className="card-page"
      loading={loading && !card}
      error={card ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
    >
      {card ? (
        <CardFace card={card}>
          <View className={cx('member-card__code', expired && 'member-card__code--expired')}>
            <QrCode
              className="member-card__qr"
              value={card.payload}
              label={`${card.member.name}的${card.title}二维码`}
            />
            {expired ? <Text className="member-card__stamp">已过期</Text> : null}
          </View>
          {status}
          <Text className="member-card__hint">请向工作人员出示此码核验身份。二维码定时更新，截图无效。</Text>
        </CardFace>
      ) : null}
    </PageShell>
  )
}

export default function MemberCardPage() {
  const session = useAuthGuard()
  return session ? <Card /> : null
}
