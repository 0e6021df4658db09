import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef } from 'react'
import type { Announcement } from '../../../types/api'
import { AnnouncementCard } from '@/components/announcement-card'
import { Badge } from '@/components/badge'
import { JoinPrompt } from '@/components/join-prompt'
import { PageShell } from '@/components/page-shell'
import { VirtualList } from '@/components/virtual-list'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList, useRevalidateOnShow } from '@/hooks/use-paged-list'
import * as announcements from '@/services/announcements'
import type { Session } from '@/stores/session'
import { getUnread, loadUnread, setUnread, useTabBadges, useUnread } from '@/stores/tab-badges'
import { APP_EVENTS } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import './index.scss'

function HomeHeader({ session, unread }: { session: Session; unread: number }) {
  return (
    <View className="home-header">
      <Text className="home-header__brand">红e园区</Text>
      <Text className="home-header__org">湖里创新园互联网行业联合党委</Text>
      <View className="home-header__row">
        <Text className="home-header__greeting">你好，{session.user?.name ?? '同志'}</Text>
        <View className="home-header__unread">
          {unread > 0 ? (
            <>
              <Text>未读通知</Text>
              <Badge className="unread-badge" count={unread} label={`${unread}条未读通知`} />
            </>
          ) : (
            <Text>通知已全部读完</Text>
          )}
        </View>
      </View>
    </View>
  )
}

function Home({ session }: { session: Session }) {
  const list = usePagedList<Announcement>(announcements.list)
  useRevalidateOnShow(list.revalidate)
  // The count is the app's (fetched once at start); back from a notice, which the server has marked
  // read, it is asked again unless it has just arrived.
  const unread = useUnread('notices')
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    void loadUnread('notices')
  })

  useAppEvent<[number]>(APP_EVENTS.announcementRead, (id) => {
    const wasUnread = list.items.some((item) => item.id === id && !item.read)
    list.update((items) => items.map((item) => (item.id === id ? { ...item, read: true } : item)))
    if (wasUnread) setUnread('notices', (getUnread('notices') ?? 1) - 1)
  })
  useAppEvent(APP_EVENTS.announcementPublished, () => {
    void list.refresh()
    void loadUnread('notices', { force: true })
  })

  const open = (announcement: Announcement) => {
    Taro.navigateTo({ url: ROUTES.noticeDetail(announcement.id) }).catch(() => undefined)
  }

  return (
    <PageShell
      className="home"
      header={
        <>
          <HomeHeader session={session} unread={unread} />
          <JoinPrompt />
        </>
      }
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText="暂无通知"
      emptyHint="园区和支部发布的通知会显示在这里"
      onRefresh={() => Promise.all([list.refresh(), loadUnread('notices', { force: true })])}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <Text className="home__section-title">通知公告</Text>
      <VirtualList
        className="announcement-list"
        items={list.items}
        itemKey={(item) => item.id}
        estimatedItemHeight={132}
        firstDraw={4}
        renderItem={(item) => <AnnouncementCard announcement={item} onOpen={open} />}
      />
    </PageShell>
  )
}

export default function HomePage() {
  const session = useAuthGuard()
  useTabBadges()
  return session ? <Home session={session} /> : null
}
