import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Event, MySignupItem } from '../../../../types/api'
import { EventCard } from '@/components/event-card'
import { PageShell } from '@/components/page-shell'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as events from '@/services/events'
import { APP_EVENTS } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import './index.scss'

/** The card shows the signup of the list item, which is where the server put me. */
function withMySignup(item: MySignupItem): Event {
  return { ...item.event, mySignup: { status: item.status, position: item.position } }
}

function MySignups() {
  const list = usePagedList<MySignupItem>(events.mySignups)

  // Cancelled in the detail page: gone from here; a new position or a promotion shows at once.
  useAppEvent<[Event]>(APP_EVENTS.eventChanged, (changed) => {
    list.update((items) =>
      items.flatMap((item) => {
        if (item.event.id !== changed.id) return [item]
        if (!changed.mySignup) return []
        return [{ event: changed, status: changed.mySignup.status, position: changed.mySignup.position }]
      }),
    )
  })

  const open = (event: Event) => {
    Taro.navigateTo({ url: ROUTES.eventDetail(event.id) }).catch(() => undefined)
  }

  return (
    <PageShell
      className="my-signups"
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText="还没有报名的活动"
      emptyHint="报名成功或候补中的活动会显示在这里"
      emptyActionText="去看看活动"
      onEmptyAction={() => Taro.switchTab({ url: ROUTES.events }).catch(() => undefined)}
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <View className="my-signups__list">
        {list.items.map((item) => (
          <EventCard key={item.event.id} event={withMySignup(item)} onOpen={open} />
        ))}
      </View>
    </PageShell>
  )
}

export default function MySignupsPage() {
  const session = useAuthGuard()
  return session ? <MySignups /> : null
}
