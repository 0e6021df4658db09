import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { Notification, NotificationKind } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as notifications from '@/services/notifications'
import { showNotificationBadge } from '@/utils/notification-badge'
import { formatDateTime } from '@/utils/time'
import { toastError } from '@/utils/toast'
import './index.scss'

/** A short tag per kind, so the list reads at a glance. */
const KIND_LABELS: Record<NotificationKind, string> = {
  waitlist_promoted: '候补成功',
  event_cancelled: '活动取消',
  event_moved: '活动调整',
  event_tomorrow: '活动提醒',
  event_soon: '活动提醒',
  session_soon: '培训提醒',
  notice_important: '重要通知',
  join_request_decided: '入支部申请',
  notice_reminder: '通知提醒',
  session_cancelled: '培训取消',
  session_moved: '培训调整',
  application_stage: '入党进度',
  application_step_due: '发展党员',
  help_request: '红e帮帮团',
}

const TAB_PAGES = ['/pages/home/index', '/pages/events/index', '/pages/study/index', '/pages/me/index']

/** Opens what a notification is about: a tab page by switching to it, any other page on top. */
function open(link: string) {
  const path = link.split('?')[0] ?? link
  const go = TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url: link })
  go.catch(() => undefined)
}

function MessageItem({ item, onOpen }: { item: Notification; onOpen: (item: Notification) => void }) {
  return (
    <View
      className={cx('message', !item.read && 'message--unread')}
      hoverClass="message--active"
      role="button"
      aria-label={`${item.read ? '' : '未读,'}${item.title}`}
      onClick={() => onOpen(item)}
    >
      <View className="message__head">
        {item.read ? null : <View className="message__dot" aria-hidden="true" />}
        <Text className="message__kind">{KIND_LABELS[item.kind] ?? '消息'}</Text>
        <Text className="message__time">{formatDateTime(item.createdAt)}</Text>
      </View>
      <Text className="message__title">{item.title}</Text>
      <Text className="message__body">{item.body}</Text>
      {item.link ? <Text className="message__more">查看详情 ›</Text> : null}
    </View>
  )
}

function Messages() {
  const [unread, setUnread] = useState(0)
  const fetchPage = useCallback(async (cursor: string | null) => {
    const page = await notifications.list(cursor)
    setUnread(page.unreadCount)
    showNotificationBadge(page.unreadCount)
    return page
  }, [])
  const list = usePagedList<Notification>(fetchPage)

  const settle = (unreadCount: number, ids: number[] | 'all') => {
    setUnread(unreadCount)
    showNotificationBadge(unreadCount)
    list.update((items) =>
      items.map((item) => (ids === 'all' || ids.includes(item.id) ? { ...item, read: true } : item)),
    )
  }

  const onOpen = (item: Notification) => {
    if (!item.read) {
      // Read at once on screen; the server is told on the way.
      settle(Math.max(0, unread - 1), [item.id])
      notifications.markRead([item.id]).then(
        (answer) => settle(answer.unreadCount, [item.id]),
        () => undefined,
      )
    }
    if (item.link) open(item.link)
  }

  const readAll = async () => {
    try {
      const answer = await notifications.markAllRead()
      settle(answer.unreadCount, 'all')
      Taro.showToast({ title: '已全部标为已读', icon: 'none' }).catch(() => undefined)
    } catch (e) {
      toastError(e)
    }
  }

  const header = (
    <View className="messages-page__header">
      <Text className="messages-page__count">{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
      {unread > 0 ? (
        <View className="messages-page__read-all" role="button" onClick={() => void readAll()}>
          <Text>全部已读</Text>
        </View>
      ) : null}
    </View>
  )

  return (
    <PageShell
      className="messages-page"
      header={list.items.length > 0 ? header : null}
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText="暂无消息"
      emptyHint="候补转正、活动变动、活动与培训提醒和重要通知会出现在这里"
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <View className="messages-page__list">
        {list.items.map((item) => (
          <MessageItem key={item.id} item={item} onOpen={onOpen} />
        ))}
      </View>
    </PageShell>
  )
}

export default function MessagesPage() {
  const session = useAuthGuard()
  return session ? <Messages /> : null
}
