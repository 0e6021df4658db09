import type {
  Announcement,
  AnnouncementCreate,
  AnnouncementDetail,
  AnnouncementPage,
  UnreadCount,
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

/** Opening a notice marks it read on the server. */
export function detail(id: number): Promise<AnnouncementDetail> {
  return request<AnnouncementDetail>(`/api/announcements/${id}`)
}

export function publish(input: AnnouncementCreate): Promise<Announcement> {
  return request<Announcement>('/api/announcements', { method: 'POST', data: input })
}
