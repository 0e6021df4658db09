import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { Event, Me } from '../../../../types/api'
import { EmptyState } from '@/components/empty-state'
import { EventCard } from '@/components/event-card'
import { PageShell } from '@/components/page-shell'
import { cx } from '@/components/types'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as events from '@/services/events'
import { APP_EVENTS } from '@/utils/events'
import { canOrganiseEvents, isParkAdmin } from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import './index.scss'

function ManagedEvents({ user }: { user: Me }) {
  const [when, setWhen] = useState<events.EventWhen>('upcoming')
  const fetchPage = useCallback((cursor: string | null) => events.list({ when }, cursor), [when])
  const list = usePagedList<Event>(fetchPage, when)
  const mine = list.items.filter((event) => event.canManage)

  useAppEvent(APP_EVENTS.eventsEdited, () => void list.refresh())
  useAppEvent<[Event]>(APP_EVENTS.eventChanged, (changed) => {
    list.update((items) => items.map((item) => (item.id === changed.id ? { ...item, ...changed } : item)))
  })

  const header = (
    <View className="manage-events__header">
      <Text className="manage-events__scope">
        {isParkAdmin(user) ? '园区全部活动' : `${user.branch?.name ?? '本支部'}的活动`}
      </Text>
      <Button
        className="manage-events__new"
        onClick={() => Taro.navigateTo({ url: ROUTES.eventNew }).catch(() => undefined)}
      >
        发布活动
      </Button>
      <View className="manage-events__tabs" role="tablist">
        {(
          [
            ['upcoming', '即将开始'],
            ['past', '往期回顾'],
          ] as const
        ).map(([value, label]) => (
          <View
            key={value}
            role="tab"
            aria-selected={when === value}
            className={cx('manage-events__tab', when === value && 'manage-events__tab--active')}
            onClick={() => setWhen(value)}
          >
            <Text>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  )

  return (
    <PageShell
      className="manage-events"
      header={header}
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={mine.length === 0 && !list.hasMore}
      emptyText={when === 'upcoming' ? '暂无即将开始的活动' : '暂无往期活动'}
      emptyHint="点“发布活动”创建一场新活动"
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <View className="manage-events__list">
        {mine.map((event) => (
          <EventCard
            key={event.id}
            event={event}
            onOpen={() => Taro.navigateTo({ url: ROUTES.attendees(event.id) }).catch(() => undefined)}
          />
        ))}
      </View>
    </PageShell>
  )
}

export default function ManageEventsPage() {
  const session = useAuthGuard()
  if (!session) return null
  if (!session.user || !canOrganiseEvents(session.user)) {
    return <EmptyState kind="error" text="仅支部书记和园区管理员可以管理活动" />
  }
  return <ManagedEvents user={session.user} />
}
