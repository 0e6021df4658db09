import type {
  NotificationPage,
  NotificationReadResult,
  SubscriptionTemplates,
  UnreadCount,
} from '../../types/api'
import { request } from './request'

export const NOTIFICATIONS_PAGE_SIZE = 20

/** 我的消息, newest first, with the unread count for the badge. */
export function list(cursor?: string | null): Promise<NotificationPage> {
  return request<NotificationPage>('/api/me/notifications', {
    data: { limit: NOTIFICATIONS_PAGE_SIZE, cursor: cursor || undefined },
  })
}

export async function unreadCount(): Promise<number> {
  return (await request<UnreadCount>('/api/me/notifications/unread-count')).count
}

export function markRead(ids: number[]): Promise<NotificationReadResult> {
  return request<NotificationReadResult>('/api/me/notifications/read', { method: 'POST', data: { ids } })
}

export function markAllRead(): Promise<NotificationReadResult> {
  return request<NotificationReadResult>('/api/me/notifications/read', {
    method: 'POST',
    data: { all: true },
  })
}

/** The subscribe-message templates the server sends with (none: in-app only). */
export function subscriptionTemplates(): Promise<SubscriptionTemplates> {
  return request<SubscriptionTemplates>('/api/me/subscriptions')
}

/** Reports the templates the member accepted in the WeChat prompt. */
export function acceptSubscriptions(templateIds: string[]): Promise<SubscriptionTemplates> {
  return request<SubscriptionTemplates>('/api/me/subscriptions', { method: 'POST', data: { templateIds } })
}
