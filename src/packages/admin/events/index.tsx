import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useState } from 'react'
import type { Event, Me } from '../../../../types/api'
import { EventCard } from '@/components/event-card'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as events from '@/services/events'
import { useTools, type Tools } from '@/stores/tools'
import { APP_EVENTS } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import './index.scss'

const WHEN_TABS = [
  ['upcoming', '即将开始'],
  ['past', '往期回顾'],
] as const

/** 活动管理: every event I organise, page by page, as the server lists them (managed=1). */
function ManagedEvents({ user, tools }: { user: Me; tools: Tools | null }) {
  const [when, setWhen] = useState<events.EventWhen>('upcoming')
  const fetchPage = useCallback(
    (cursor: string | null) => events.list({ when, managed: true }, cursor),
    [when],
  )
  const list = usePagedList<Event>(fetchPage, when)

  useAppEvent(APP_EVENTS.eventsEdited, () => void list.refresh())
  useAppEvent<[Event]>(APP_EVENTS.eventChanged, (changed) => {
    list.update((items) => items.map((item) => (item.id === changed.id ? { ...item, ...changed } : item)))
  })

  const header = (
    <View className="manage-events__header">
      <Text className="manage-events__scope">
        {tools?.scope === 'park' ? '园区全部活动' : `${user.branch?.name ?? '本支部'}的活动`}
      </Text>
      <Button
        className="manage-events__new"
        onClick={() => Taro.navigateTo({ url: ROUTES.eventNew }).catch(() => undefined)}
      >
        发布活动
      </Button>
      <SegmentTabs className="manage-events__tabs" options={WHEN_TABS} value={when} onChange={setWhen} />
    </View>
  )

  return (
    <PageShell
      className="manage-events"
      header={header}
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0 && !list.hasMore}
      emptyText={when === 'upcoming' ? '暂无即将开始的活动' : '暂无往期活动'}
      emptyHint="点“发布活动”创建一场新活动"
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <View className="manage-events__list">
        {list.items.map((event) => (
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
  const tools = useTools()
  if (!session?.user) return null
  // Who may manage is the server's call: a member's list answers 403 with its reason.
  return <ManagedEvents user={session.user} tools={tools ?? null} />
}
