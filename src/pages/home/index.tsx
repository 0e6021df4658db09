import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Announcement } from '../../../types/api'
import { AnnouncementCard } from '@/components/announcement-card'
import { Badge } from '@/components/badge'
import { JoinPrompt } from '@/components/join-prompt'
import { PageShell } from '@/components/page-shell'
import { VirtualList } from '@/components/virtual-list'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as announcements from '@/services/announcements'
import type { Session } from '@/stores/session'
import { APP_EVENTS } from '@/utils/events'
import { refreshNotificationBadge } from '@/utils/notification-badge'
import { ROUTES, TAB_INDEX } from '@/utils/routes'
import './index.scss'

/** Mirrors the count on the 首页 tab; failures are harmless (e.g. called while another page shows). */
function showTabBadge(count: number) {
  const done = () => undefined
  if (count > 0) {
    Taro.setTabBarBadge({ index: TAB_INDEX.home, text: count > 99 ? '99+' : String(count) }).catch(done)
  } else {
    Taro.removeTabBarBadge({ index: TAB_INDEX.home }).catch(done)
  }
}

function useUnreadCount() {
  const [count, setCount] = useState(0)
  const fetchedAt = useRef(0)
  const load = useCallback(async () => {
    fetchedAt.current = Date.now()
    // The 我的 tab's badge (unread 消息) is kept fresh from the landing tab too.
    void refreshNotificationBadge()
    try {
      const value = await announcements.unreadCount()
      setCount(value)
    } catch {
      // The list shows the error; a stale badge is better than a toast per tab switch.
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    showTabBadge(count)
  }, [count])
  return { count, setCount, load, fetchedAt }
}

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
  const unread = useUnreadCount()

  // The first show is the mount load; a later one (back from a notice, which the server has marked
  // read) asks again, unless the count has just arrived.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    if (Date.now() - unread.fetchedAt.current > 1500) void unread.load()
  })

  useAppEvent<[number]>(APP_EVENTS.announcementRead, (id) => {
    const wasUnread = list.items.some((item) => item.id === id && !item.read)
    list.update((items) => items.map((item) => (item.id === id ? { ...item, read: true } : item)))
    if (wasUnread) unread.setCount((count) => Math.max(0, count - 1))
  })
  useAppEvent(APP_EVENTS.announcementPublished, () => {
    void list.refresh()
    void unread.load()
  })

  const open = (announcement: Announcement) => {
    Taro.navigateTo({ url: ROUTES.noticeDetail(announcement.id) }).catch(() => undefined)
  }

  return (
    <PageShell
      className="home"
      header={
        <>
          <HomeHeader session={session} unread={unread.count} />
          <JoinPrompt />
        </>
      }
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText="暂无通知"
      emptyHint="园区和支部发布的通知会显示在这里"
      onRefresh={() => Promise.all([list.refresh(), unread.load()])}
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
        renderItem={(item) => <AnnouncementCard announcement={item} onOpen={open} />}
      />
    </PageShell>
  )
}

export default function HomePage() {
  const session = useAuthGuard()
  return session ? <Home session={session} /> : null
}
