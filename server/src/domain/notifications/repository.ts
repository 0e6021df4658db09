import type { Kysely } from 'kysely'
import type { Database, NewNotification } from '../../db/types'
import type { Notification, PageOf } from '../../schemas'
import { encodeCursor, pageFrom } from '../cursor'

/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const CHUNK = 200

/** Tells members something; written in the caller's transaction so it lands exactly when the change does. */
export async function notify(db: Kysely<Database>, notifications: NewNotification[]): Promise<void> {
  for (let i = 0; i < notifications.length; i += CHUNK) {
    await db
      .insertInto('notifications')
      .values(notifications.slice(i, i + CHUNK))
      .execute()
  }
}

/** A member's notifications, newest first; the cursor is the id of the last one shown. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: number,
  page: { limit: number; beforeId: number | null },
): Promise<PageOf<Notification>> {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'event_id', 'created_at'])
    .where('user_id', '=', userId)
  if (page.beforeId !== null) query = query.where('id', '<', page.beforeId)
  const rows = await query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return pageFrom(
    rows,
    page.limit,
    (row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      eventId: row.event_id,
      createdAt: row.created_at,
    }),
    (row) => encodeCursor([row.id]),
  )
}
