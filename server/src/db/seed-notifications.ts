import type { Kysely } from 'kysely'
import { importantNotice } from '../domain/notifications/messages'
import { notify } from '../domain/notifications/notify'
import { scheduleEventReminders, scheduleSessionReminders } from '../domain/notifications/reminders'
import type { Database } from './types'

/**
 * What the demo park's members have been told, and will be: the newest pinned park notice is an
 * important one (so every member finds it in 消息), and every upcoming event and session has its
 * reminders scheduled, as creating them through the API would have.
 */
export async function seedNotifications(db: Kysely<Database>, now: Date): Promise<void> {
  const at = now.toISOString()
  const notice = await db
    .selectFrom('announcements')
    .select(['id', 'title', 'published_at', 'author_id'])
    .where('scope', '=', 'park')
    .where('pinned', '=', 1)
    .orderBy('published_at', 'desc')
    .executeTakeFirst()
  if (notice) {
    await db.updateTable('announcements').set({ important: 1 }).where('id', '=', notice.id).execute()
    const members = await db
      .selectFrom('users')
      .select('id')
      .where('id', '<>', notice.author_id)
      .orderBy('id')
      .execute()
    await notify(
      db,
      members.map((member) => importantNotice({ ...notice, from: '园区党委' }, member.id)),
      new Date(notice.published_at),
    )
  }

  const events = await db
    .selectFrom('events')
    .select(['id', 'starts_at', 'cancelled_at'])
    .where('starts_at', '>', at)
    .execute()
  for (const event of events) await scheduleEventReminders(db, event, now)
  const sessions = await db
    .selectFrom('course_sessions')
    .select(['id', 'starts_at'])
    .where('starts_at', '>', at)
    .execute()
  await scheduleSessionReminders(db, sessions, now)
}
