import type { Announcement, AnnouncementDetail, Scope } from '../../schemas'
import { canManage, type Viewer } from '../access'
import { decodeCursor, encodeCursor, isId, isIsoTime } from '../cursor'
import { refOf } from '../organisation/mapper'

const SUMMARY_LENGTH = 60
/** Characters fetched for a summary: enough to fill one after collapsing whitespace. */
export const SUMMARY_SOURCE_LENGTH = 120

export interface AnnouncementListRow {
  id: number
  title: string
  scope: Scope
  branch_id: number | null
  branch_name: string | null
  pinned: number
  important: number
  published_at: string
  edited_at: string | null
  /** The start of the body (see SUMMARY_SOURCE_LENGTH). */
  body_head: string
  read_by_viewer: number | string | null
}

export interface AnnouncementDetailRow extends Omit<AnnouncementListRow, 'body_head'> {
  body: string
  author_id: number
  author_name: string
}

export function summarize(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim()
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}…` : text
}

function base(row: Omit<AnnouncementListRow, 'body_head'>, body: string, viewer: Viewer) {
  return {
    id: row.id,
    title: row.title,
    summary: summarize(body),
    scope: row.scope,
    branch: refOf(row.branch_id, row.branch_name),
    pinned: row.pinned === 1,
    important: row.important === 1,
    publishedAt: row.published_at,
    editedAt: row.edited_at,
    read: row.read_by_viewer !== null,
    canManage: canManage(viewer, { branchId: row.branch_id }),
  }
}

export function toAnnouncement(row: AnnouncementListRow, viewer: Viewer): Announcement {
  return base(row, row.body_head, viewer)
}

export function toAnnouncementDetail(row: AnnouncementDetailRow, viewer: Viewer): AnnouncementDetail {
  return {
    ...base(row, row.body, viewer),
    body: row.body,
    author: { id: row.author_id, name: row.author_name },
  }
}

/** Position in the feed order (pinned desc, published_at desc, id desc), carried by the cursor. */
export interface FeedPosition {
  pinned: number
  publishedAt: string
  id: number
}

export function encodeFeedCursor(position: FeedPosition): string {
  return encodeCursor([position.pinned, position.publishedAt, position.id])
}

/** The position a cursor names, or null when it was not made by encodeFeedCursor. */
export function decodeFeedCursor(cursor: string): FeedPosition | null {
  const value = decodeCursor(cursor)
  if (!value || value.length !== 3) return null
  const [pinned, publishedAt, id] = value
  if ((pinned !== 0 && pinned !== 1) || !isIsoTime(publishedAt) || !isId(id)) return null
  return { pinned, publishedAt, id }
}
