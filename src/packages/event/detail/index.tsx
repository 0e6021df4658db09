import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { EventDetail, MySignup } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as events from '@/services/events'
import { eventAction, mySignupLabel, placesLabel } from '@/utils/event-status'
import { APP_EVENTS, emitEventChanged } from '@/utils/events'
import { organiserLabel } from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import { formatDateTime, formatRelative, formatTimeRange } from '@/utils/time'
import { toastError, toastSuccess } from '@/utils/toast'
import { askToSubscribe, prepareSubscribe } from '@/utils/subscribe'
import './index.scss'

function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
}

function InfoRow({ label, children, className }: { label: string; children: string; className?: string }) {
  return (
    <View className={cx('event-detail__row', className)}>
      <Text className="event-detail__row-label">{label}</Text>
      <Text className="event-detail__row-value">{children}</Text>
    </View>
  )
}

function PlacesBar({ event }: { event: EventDetail }) {
  const ratio = Math.min(1, event.confirmedCount / Math.max(1, event.capacity))
  return (
    <View className="places-bar">
      <View className="places-bar__numbers">
        <Text className="places-bar__count">
          报名人数 {event.confirmedCount} / {event.capacity}
        </Text>
        {event.waitlistCount > 0 ? (
          <Text className="places-bar__waitlist">候补 {event.waitlistCount} 人</Text>
        ) : null}
      </View>
      <View
        className="places-bar__track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={event.capacity}
        aria-valuenow={event.confirmedCount}
      >
        <View className="places-bar__fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </View>
    </View>
  )
}

/** Confirmation before giving a place up: the place may go to the waitlist at once. */
async function confirmCancel(waitlisted: boolean): Promise<boolean> {
  const result = await Taro.showModal({
    title: waitlisted ? '退出候补' : '取消报名',
    content: waitlisted
      ? '确定退出候补吗？退出后如需参加须重新报名。'
      : '确定取消报名吗？名额将让给候补的同事，再报名可能需要候补。',
    confirmText: waitlisted ? '退出候补' : '取消报名',
    cancelText: '再想想',
    confirmColor: '#C8161D',
  })
  return result.confirm
}

function ActionBar({
  event,
  busy,
  onSignUp,
  onCancel,
}: {
  event: EventDetail
  busy: boolean
  onSignUp: () => void
  onCancel: (waitlisted: boolean) => void
}) {
  const action = eventAction(event)
  const mine = event.mySignup
  let hint: string | null = null
  if (!mine && action.kind === 'signup') {
    hint = action.waitlist ? '名额已满，可排队候补' : placesLabel(event).text
  }
  const onClick = () => {
    if (busy) return
    if (action.kind === 'signup') onSignUp()
    else if (action.kind === 'cancel') onCancel(action.waitlisted)
  }
  const disabled = action.kind === 'none'
  return (
    <View className={cx('event-detail__bar', !mine && !hint && 'event-detail__bar--solo')}>
      <View className="event-detail__status">
        {mine ? (
          <Text
            className={cx('event-detail__state', `event-detail__state--${mine.status}`)}
            aria-live="polite"
          >
            {mySignupLabel(mine)}
          </Text>
        ) : null}
        {hint ? <Text className="event-detail__hint">{hint}</Text> : null}
      </View>
      {/* On H5 a `disabled="false"` attribute still greys the button out: only pass true. */}
      <Button
        className={cx(
          'event-detail__action',
          `event-detail__action--${action.kind}`,
          disabled && 'event-detail__action--disabled',
        )}
        {...(disabled ? { disabled: true } : {})}
        loading={busy}
        onClick={onClick}
      >
        {action.label}
      </Button>
    </View>
  )
}

function EventDetailView({ id }: { id: number }) {
  const [event, setEvent] = useState<EventDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    try {
      const result = await events.detail(id)
      setEvent(result)
      setError(null)
      return result
    } catch (e) {
      const apiError = toApiError(e)
      setError(apiError)
      return null
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load()
    else {
      setError(new ApiError(404, 'NOT_FOUND', '活动不存在或已删除'))
      setLoading(false)
    }
  }, [id, load])

  // Edited or cancelled by its organiser in the admin pages: show the new facts.
  useAppEvent(APP_EVENTS.eventsEdited, () => void load())

  /** Shows the server's answer at once, then fetches the new counts and tells the lists. */
  const settle = async (mySignup: MySignup | null) => {
    setEvent((current) => (current ? { ...current, mySignup } : current))
    const fresh = await load()
    if (fresh) emitEventChanged(fresh)
  }

  useEffect(() => {
    void prepareSubscribe()
  }, [])

  const signUp = async () => {
    // WeChat's prompt opens only from the tap itself: ask first, then sign up.
    const asking = askToSubscribe(event?.status === 'full' ? 'eventWaitlist' : 'eventSignup')
    setBusy(true)
    try {
      await asking
      const result = await events.signUp(id)
      toastSuccess(result.status === 'confirmed' ? '报名成功' : '已进入候补')
      await settle(result)
    } catch (e) {
      toastError(e)
      // ALREADY_SIGNED_UP, SIGNUP_CLOSED…: the page may be stale; show what the server has now.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) void load()
    } finally {
      setBusy(false)
    }
  }

  const cancel = async (waitlisted: boolean) => {
    if (!(await confirmCancel(waitlisted))) return
    setBusy(true)
    try {
      await events.cancelSignup(id)
      toastSuccess(waitlisted ? '已退出候补' : '已取消报名')
      await settle(null)
    } catch (e) {
      toastError(e)
      if (e instanceof ApiError && e.status === 404) void load()
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell
      className={cx('event-detail', event && `event-detail--${event.status}`)}
      loading={loading}
      error={event ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {event ? (
        <>
          <View className="event-detail__card">
            <View className="event-detail__tags">
              <Tag type="primary" className="event-detail__category">
                {event.categoryName}
              </Tag>
              <Tag className="event-detail__scope">{event.branch ? '支部活动' : '园区活动'}</Tag>
              {event.status === 'cancelled' ? (
                <Tag type="solid" className="event-detail__cancelled">
                  已取消
                </Tag>
              ) : null}
            </View>
            <Text className="event-detail__title">{event.title}</Text>
            <View className="event-detail__rows">
              <InfoRow label="时间" className="event-detail__time">
                {`${formatTimeRange(event.startsAt, event.endsAt)}（${formatRelative(event.startsAt)}）`}
              </InfoRow>
              <InfoRow label="地点" className="event-detail__venue">
                {event.venue}
              </InfoRow>
              <InfoRow label="主办" className="event-detail__organiser">
                {organiserLabel(event)}
              </InfoRow>
              <InfoRow label="报名截止" className="event-detail__signup-deadline">
                {formatDateTime(event.signupDeadline)}
              </InfoRow>
              <InfoRow label="取消截止" className="event-detail__cancel-deadline">
                {formatDateTime(event.cancelDeadline)}
              </InfoRow>
            </View>
            <PlacesBar event={event} />
          </View>

          {event.canManage ? (
            <View
              className="event-detail__manage"
              hoverClass="event-detail__manage--active"
              onClick={() => Taro.navigateTo({ url: ROUTES.attendees(event.id) }).catch(() => undefined)}
            >
              <Text className="event-detail__manage-label">管理活动</Text>
              <Text className="event-detail__manage-hint">报名名单 · 编辑 · 导出</Text>
              <Text className="event-detail__manage-arrow" aria-hidden="true">
                ›
              </Text>
            </View>
          ) : null}

          <View className="event-detail__card event-detail__about">
            <Text className="event-detail__section">活动介绍</Text>
            {event.description.trim() ? (
              paragraphs(event.description).map((paragraph, index) => (
                <Text className="event-detail__paragraph" key={index}>
                  {paragraph}
                </Text>
              ))
            ) : (
              <Text className="event-detail__paragraph event-detail__paragraph--empty">暂无介绍</Text>
            )}
          </View>

          <ActionBar
            event={event}
            busy={busy}
            onSignUp={() => void signUp()}
            onCancel={(w) => void cancel(w)}
          />
        </>
      ) : null}
    </PageShell>
  )
}

export default function EventDetailPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return session ? <EventDetailView id={id} /> : null
}
