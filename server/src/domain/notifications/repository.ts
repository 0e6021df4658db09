import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { NotificationPage, NotificationReadResult } from '../../schemas'
import { encodeCursor, pageFrom } from '../cursor'

export { notify } from './notify'

/** The member's unread notifications (the 消息 badge). */
export async function unreadCount(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** A member's notifications, newest first; the cursor is the id of the last one shown. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: number,
  page: { limit: number; beforeId: number | null },
): Promise<NotificationPage> {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'event_id', 'link', 'read_at', 'created_at'])
    .where('user_id', '=', userId)
  if (page.beforeId !== null) query = query.where('id', '<', page.beforeId)
  const [rows, unread] = await Promise.all([
    query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute(),
    unreadCount(db, userId),
  ])
  const listed = pageFrom(
    rows,
    page.limit,
    (row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link ?? (row.event_id !== null ? `/packages/event/detail/index?id=${row.event_id}` : null),
      eventId: row.event_id,
      createdAt: row.created_at,
      read: row.read_at !== null,
    }),
    (row) => encodeCursor([row.id]),
  )
  return { ...listed, unreadCount: unread }
}

/** Marks the member's own notifications read (`ids`), or all of them; others' ids change nothing. */
export async function markRead(
  db: Kysely<Database>,
  userId: number,
  which: { ids: number[] } | { all: true },
  now: Date,
): Promise<NotificationReadResult> {
  let update = db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
  if ('ids' in which) update = update.where('id', 'in', which.ids)
  const result = await update.executeTakeFirst()
  return { marked: Number(result.numUpdatedRows), unreadCount: await unreadCount(db, userId) }
}
