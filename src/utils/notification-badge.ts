import { loadUnread, setUnread } from '@/stores/tab-badges'

export { NOTIFICATIONS_UNREAD } from '@/stores/tab-badges'

/** Shows the count on the 我的 tab and tells the pages that show it (我的 → 消息). */
export function showNotificationBadge(count: number): void {
  setUnread('messages', count)
}

/** Asks the server for the unread count (once, however many pages ask) and shows it. */
export function refreshNotificationBadge(): Promise<number | null> {
  return loadUnread('messages')
}
