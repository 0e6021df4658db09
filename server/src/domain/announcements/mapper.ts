import type { Announcement, AnnouncementDetail, Scope } from '../../schemas'
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
  published_at: string
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

function base(row: Omit<AnnouncementListRow, 'body_head'>, body: string) {
  return {
    id: row.id,
    title: row.title,
    summary: summarize(body),
    scope: row.scope,
    branch: refOf(row.branch_id, row.branch_name),
    pinned: row.pinned === 1,
    publishedAt: row.published_at,
    read: row.read_by_viewer !== null,
  }
}

export function toAnnouncement(row: AnnouncementListRow): Announcement {
  return base(row, row.body_head)
}

export function toAnnouncementDetail(row: AnnouncementDetailRow): AnnouncementDetail {
  return { ...base(row, row.body), body: row.body, author: { id: row.author_id, name: row.author_name } }
}

/** Position in the feed order (pinned desc, published_at desc, id desc), carried by the cursor. */
export interface FeedPosition {
  pinned: number
  publishedAt: string
  id: number
}

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(JSON.stringify([position.pinned, position.publishedAt, position.id])).toString(
    'base64url',
  )
}

/** The position a cursor names, or null when it was not made by encodeCursor. */
export function decodeCursor(cursor: string): FeedPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 3) return null
    const [pinned, publishedAt, id] = value as unknown[]
    if ((pinned !== 0 && pinned !== 1) || typeof publishedAt !== 'string' || !Number.isSafeInteger(id))
      return null
    if (Number.isNaN(Date.parse(publishedAt))) return null
    return { pinned, publishedAt, id: id as number }
  } catch {
    return null
  }
}
