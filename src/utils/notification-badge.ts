import Taro from '@tarojs/taro'
import * as notifications from '@/services/notifications'
import { TAB_INDEX } from './routes'

/** payload: the unread count of 我的消息 as the server last said it */
export const NOTIFICATIONS_UNREAD = 'notifications:unread'

/** Shows the count on the 我的 tab and tells the pages that show it (我的 → 消息). */
export function showNotificationBadge(count: number): void {
  const done = () => undefined
  if (count > 0) {
    Taro.setTabBarBadge({ index: TAB_INDEX.me, text: count > 99 ? '99+' : String(count) }).catch(done)
  } else {
    Taro.removeTabBarBadge({ index: TAB_INDEX.me }).catch(done)
  }
  Taro.eventCenter.trigger(NOTIFICATIONS_UNREAD, count)
}

/** Asks the server for the unread count and shows it; a failure leaves the badge as it was. */
export async function refreshNotificationBadge(): Promise<number | null> {
  try {
    const count = await notifications.unreadCount()
    showNotificationBadge(count)
    return count
  } catch {
    return null
  }
}
