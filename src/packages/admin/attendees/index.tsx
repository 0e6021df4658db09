import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { Attendee, EventDetail } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as events from '@/services/events'
import { mySignupLabel, placesLabel } from '@/utils/event-status'
import { APP_EVENTS, emitEventChanged, emitEventsEdited } from '@/utils/events'
import { matchesMember } from '@/utils/member-search'
import { ROUTES } from '@/utils/routes'
import { formatDateTime, formatTimeRange } from '@/utils/time'
import { toastError, toastSuccess } from '@/utils/toast'
import { DoorCheckin } from './door-checkin'
import { exportAttendeesCsv } from './export-csv'
import './index.scss'

function AttendeeRow({ attendee }: { attendee: Attendee }) {
  const status = mySignupLabel(attendee)
  return (
    <View className={cx('attendee', `attendee--${attendee.status}`)}>
      <View className="attendee__main">
        <Text className="attendee__name">{attendee.member.name}</Text>
        <Text className="attendee__branch">{attendee.member.branch?.name ?? '未加入支部'}</Text>
        <Text className="attendee__time">报名：{formatDateTime(attendee.signedUpAt)}</Text>
        {attendee.checkedInAt ? (
          <Text className="attendee__time attendee__checked-in">
            签到：{formatDateTime(attendee.checkedInAt)}
          </Text>
        ) : null}
      </View>
      <Tag type={attendee.status === 'confirmed' ? 'primary' : 'gold'} className="attendee__status">
        {status}
      </Tag>
    </View>
  )
}

function Attendees({ id }: { id: number }) {
  const [event, setEvent] = useState<EventDetail | null>(null)
  const [attendees, setAttendees] = useState<Attendee[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [query, setQuery] = useState('')
  const [busy, setBusy] = useState<'export' | 'cancel' | null>(null)

  const load = useCallback(async () => {
    try {
      const [detail, list] = await Promise.all([events.detail(id), events.attendees(id)])
      setEvent(detail)
      setAttendees(list.items)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])
  useAppEvent(APP_EVENTS.eventsEdited, () => void load())

  const exportCsv = async () => {
    if (busy) return
    setBusy('export')
    try {
      await exportAttendeesCsv(id)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const cancelEvent = async () => {
    if (busy || !event) return
    const { confirm } = await Taro.showModal({
      title: '取消活动',
      content: `确定取消“${event.title}”吗？已报名和候补的成员会收到通知，取消后不能恢复。`,
      confirmText: '取消活动',
      cancelText: '再想想',
      confirmColor: '#C8161D',
    })
    if (!confirm) return
    setBusy('cancel')
    try {
      const cancelled = await events.cancelEvent(id)
      setEvent(cancelled)
      toastSuccess('活动已取消')
      emitEventChanged(cancelled)
      emitEventsEdited()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const found = attendees.filter((item) => matchesMember(item.member, query))
  const confirmed = found.filter((item) => item.status === 'confirmed')
  const waitlisted = found.filter((item) => item.status === 'waitlisted')
  const checkedIn = attendees.filter((item) => item.checkedInAt).length
  const editable = event !== null && event.status !== 'cancelled' && event.status !== 'ended'

  return (
    <PageShell
      className="attendees-page"
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
          <View className="attendees-page__event">
            <Text
              className="attendees-page__title"
              onClick={() => Taro.navigateTo({ url: ROUTES.eventDetail(id) }).catch(() => undefined)}
            >
              {event.title}
            </Text>
            <Text className="attendees-page__when">
              {formatTimeRange(event.startsAt, event.endsAt)} · {event.venue}
            </Text>
            <Text className="attendees-page__places">{placesLabel(event).text}</Text>
            <View className="attendees-summary" aria-label="报名统计">
              <View className="attendees-summary__item">
                <Text className="attendees-summary__value">
                  {event.confirmedCount}/{event.capacity}
                </Text>
                <Text className="attendees-summary__label">已报名/名额</Text>
              </View>
              <View className="attendees-summary__item">
                <Text className="attendees-summary__value">{event.waitlistCount}</Text>
                <Text className="attendees-summary__label">候补</Text>
              </View>
              <View className="attendees-summary__item">
                <Text className="attendees-summary__value">{checkedIn}</Text>
                <Text className="attendees-summary__label">已签到</Text>
              </View>
            </View>
            <View className="attendees-page__tools">
              <Button
                className="attendees-page__tool attendees-page__export"
                loading={busy === 'export'}
                onClick={exportCsv}
              >
                导出CSV
              </Button>
              {editable ? (
                <Button
                  className="attendees-page__tool attendees-page__edit"
                  onClick={() => Taro.navigateTo({ url: ROUTES.eventEdit(id) }).catch(() => undefined)}
                >
                  编辑活动
                </Button>
              ) : null}
              {editable ? (
                <Button
                  className="attendees-page__tool attendees-page__cancel"
                  loading={busy === 'cancel'}
                  onClick={cancelEvent}
                >
                  取消活动
                </Button>
              ) : null}
            </View>
            {event.status === 'cancelled' ? <Text className="attendees-page__note">此活动已取消</Text> : null}
            {event.status !== 'cancelled' ? (
              <DoorCheckin eventId={id} onCheckedIn={() => void load()} />
            ) : null}
          </View>

          {attendees.length > 0 ? (
            <Input
              className="attendees-page__search"
              value={query}
              placeholder="搜索姓名或支部"
              confirmType="search"
              aria-label="搜索报名成员"
              onInput={(e) => setQuery(e.detail.value)}
            />
          ) : null}
          {attendees.length === 0 ? (
            <Text className="attendees-page__none">还没有人报名</Text>
          ) : found.length === 0 ? (
            <Text className="attendees-page__none">没有找到“{query.trim()}”</Text>
          ) : (
            <>
              <Text className="attendees-page__section">已报名（{confirmed.length}人）</Text>
              <View className="attendees-page__list">
                {confirmed.map((item) => (
                  <AttendeeRow key={item.member.id} attendee={item} />
                ))}
              </View>
              {waitlisted.length > 0 ? (
                <>
                  <Text className="attendees-page__section">候补（{waitlisted.length}人）</Text>
                  <View className="attendees-page__list">
                    {waitlisted.map((item) => (
                      <AttendeeRow key={item.member.id} attendee={item} />
                    ))}
                  </View>
                </>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </PageShell>
  )
}

export default function AttendeesPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return session ? <Attendees id={id} /> : null
}
