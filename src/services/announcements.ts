import type {
  Announcement,
  AnnouncementCreate,
  AnnouncementDetail,
  AnnouncementPage,
  AnnouncementPatch,
  AnnouncementReaders,
  ReminderSent,
  UnreadCount,
  Withdrawn,
} from '../../types/api'
import { request } from './request'

export const PAGE_SIZE = 20

/** Pinned first, then newest; park-wide ones and the member's own branch's. */
export function list(cursor?: string | null): Promise<AnnouncementPage> {
  return request<AnnouncementPage>('/api/announcements', {
    data: { limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}

export function unreadCount(): Promise<number> {
  return request<UnreadCount>('/api/announcements/unread-count').then((result) => result.count)
}

/** Opening a notice marks it read on the server. 404 NOTICE_WITHDRAWN: 该通知已撤回. */
export function detail(id: number): Promise<AnnouncementDetail> {
  return request<AnnouncementDetail>(`/api/announcements/${id}`)
}

export function publish(input: AnnouncementCreate): Promise<Announcement> {
  return request<Announcement>('/api/announcements', { method: 'POST', data: input })
}

/** Corrects the title or body (readers see 已编辑), or pins/unpins it. */
export function update(id: number, patch: AnnouncementPatch): Promise<AnnouncementDetail> {
  return request<AnnouncementDetail>(`/api/announcements/${id}`, { method: 'PATCH', data: patch })
}

/** Withdraws it: gone from every list; its link then says 该通知已撤回. */
export function withdraw(id: number): Promise<Withdrawn> {
  return request<Withdrawn>(`/api/announcements/${id}`, { method: 'DELETE' })
}

/** 阅读情况: who has read it (and when), who has not, per branch for a park notice. */
export function readers(id: number): Promise<AnnouncementReaders> {
  return request<AnnouncementReaders>(`/api/announcements/${id}/readers`)
}

/** 提醒未读: the server tells every unread reader; 409 REMINDED_RECENTLY within the hour. */
export function remindUnread(id: number): Promise<ReminderSent> {
  return request<ReminderSent>(`/api/announcements/${id}/remind`, { method: 'POST' })
}
