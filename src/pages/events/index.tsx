import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { CategoryCode, Event } from '../../../types/api'
import { CategoryChips } from '@/components/category-chips'
import { EventCard } from '@/components/event-card'
import { JoinPrompt } from '@/components/join-prompt'
import { PageShell } from '@/components/page-shell'
import { VirtualList } from '@/components/virtual-list'
import { cx } from '@/components/types'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { useCategories } from '@/hooks/use-categories'
import { usePagedList, useRevalidateOnShow } from '@/hooks/use-paged-list'
import * as events from '@/services/events'
import { APP_EVENTS } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import './index.scss'
import { useTabBadges } from '@/stores/tab-badges'

const WHEN_OPTIONS: Array<{ value: events.EventWhen; label: string }> = [
  { value: 'upcoming', label: '即将开始' },
  { value: 'past', label: '往期回顾' },
]

function WhenSwitch({
  value,
  onChange,
}: {
  value: events.EventWhen
  onChange: (value: events.EventWhen) => void
}) {
  return (
    <View className="when-switch" role="tablist">
      {WHEN_OPTIONS.map((option) => {
        const active = option.value === value
        return (
          <View
            key={option.value}
            className={cx('when-switch__option', active && 'when-switch__option--active')}
            onClick={() => onChange(option.value)}
            role="tab"
            aria-selected={active}
          >
            <Text>{option.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

function EventList() {
  const categories = useCategories()
  const [when, setWhen] = useState<events.EventWhen>('upcoming')
  const [category, setCategory] = useState<CategoryCode | null>(null)
  const fetchPage = useCallback(
    (cursor: string | null) => events.list({ when, category }, cursor),
    [when, category],
  )
  const list = usePagedList<Event>(fetchPage, `${when}:${category ?? 'all'}`)
  useRevalidateOnShow(list.revalidate)

  // Back from a detail page: the card shows what the server answered there (my signup, counts).
  useAppEvent<[Event]>(APP_EVENTS.eventChanged, (changed) => {
    list.update((items) => items.map((item) => (item.id === changed.id ? { ...item, ...changed } : item)))
  })
  useAppEvent(APP_EVENTS.eventsEdited, () => void list.refresh())

  const open = (event: Event) => {
    Taro.navigateTo({ url: ROUTES.eventDetail(event.id) }).catch(() => undefined)
  }

  const categoryName = categories.find((item) => item.code === category)?.name
  const emptyText =
    when === 'upcoming' ? `暂无即将开始的${categoryName ?? ''}活动` : `暂无往期${categoryName ?? ''}活动`

  return (
    <PageShell
      className="events-page"
      header={
        <>
          <JoinPrompt />
          <View className="events-page__filters">
            <WhenSwitch value={when} onChange={setWhen} />
            <CategoryChips categories={categories} value={category} onChange={setCategory} />
          </View>
        </>
      }
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText={emptyText}
      emptyHint={when === 'upcoming' ? '园区和支部发布的新活动会显示在这里' : undefined}
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <VirtualList
        className="event-list"
        items={list.items}
        itemKey={(item) => item.id}
        estimatedItemHeight={180}
        renderItem={(item) => <EventCard event={item} onOpen={open} />}
      />
    </PageShell>
  )
}

export default function EventsPage() {
  const session = useAuthGuard()
  useTabBadges()
  return session ? <EventList /> : null
}
