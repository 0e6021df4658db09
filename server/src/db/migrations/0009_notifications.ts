import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

/*
 * Telling people what happened. A notification is the member's in-app message (消息); written in
 * the transaction of the change that causes it, with a key that makes it once-only. Its WeChat
 * subscribe message waits in the outbox until a worker in any instance claims it, sends it and
 * marks it. Timed reminders (an event tomorrow, in an hour; a training in 30 minutes) are rows of
 * the schedule with a due time; a due row is fanned out to the members it concerns. Each accepted
 * subscribe-message template is one subscription, spent by at most one message.
 */

export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, optionalTime, time } = columnHelpers(db)

  await db.schema.alterTable('notifications').addColumn('link', 'text').execute()
  await db.schema.alterTable('notifications').addColumn('object_type', 'text').execute()
  await db.schema.alterTable('notifications').addColumn('object_id', 'integer').execute()
  await db.schema.alterTable('notifications').addColumn('read_at', 'text', optionalTime).execute()
  // (member, reason, object[, occasion]): the same message is never written twice.
  await db.schema.alterTable('notifications').addColumn('dedupe_key', 'text').execute()
  await db.schema
    .createIndex('notifications_dedupe_uq')
    .on('notifications')
    .column('dedupe_key')
    .unique()
    .execute()
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .column('user_id')
    .where(sql.ref('read_at'), 'is', null)
    .execute()

  await withId(db.schema.createTable('notification_outbox'))
    .addColumn('notification_id', 'integer', (col) =>
      col.notNull().unique().references('notifications.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    /** Which subscribe-message template (by its configuration key) carries it. */
    .addColumn('template', 'text', (col) => col.notNull())
    .addColumn('page', 'text', (col) => col.notNull())
    /** The template's fields as JSON: `{ "thing1": { "value": "…" }, … }`. */
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('pending', 'sent', 'skipped', 'failed')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    /** When it may next be tried. */
    .addColumn('due_at', 'text', time)
    /** A claim lasts until then; a worker that died holding it loses it. */
    .addColumn('claimed_until', 'text', optionalTime)
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'text', optionalTime)
    .addColumn('created_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('notification_outbox_due_idx')
    .on('notification_outbox')
    .columns(['due_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute()

  await withId(db.schema.createTable('notification_schedule'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('object_type', 'text', (col) => col.notNull())
    .addColumn('object_id', 'integer', (col) => col.notNull())
    .addColumn('due_at', 'text', time)
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('pending', 'done', 'dropped')`))
    /** (reason, object, the start it was made for): rescheduling makes a new row, never a second of one. */
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('recipients', 'integer')
    .addColumn('created_at', 'text', time)
    .addColumn('done_at', 'text', optionalTime)
    .execute()
  await db.schema
    .createIndex('notification_schedule_due_idx')
    .on('notification_schedule')
    .columns(['due_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await db.schema
    .createIndex('notification_schedule_object_idx')
    .on('notification_schedule')
    .columns(['object_type', 'object_id', 'status'])
    .execute()

  await withId(db.schema.createTable('wechat_subscriptions'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (col) => col.notNull())
    .addColumn('accepted_at', 'text', time)
    /** The message it is reserved for or was spent on; null while unspent. */
    .addColumn('outbox_id', 'integer', (col) => col.references('notification_outbox.id').onDelete('set null'))
    .addColumn('used_at', 'text', optionalTime)
    .execute()
  await db.schema
    .createIndex('wechat_subscriptions_unspent_idx')
    .on('wechat_subscriptions')
    .columns(['user_id', 'template_id', 'id'])
    .where(sql.ref('outbox_id'), 'is', null)
    .execute()
  await db.schema
    .createIndex('wechat_subscriptions_outbox_idx')
    .on('wechat_subscriptions')
    .column('outbox_id')
    .execute()

  await db.schema
    .alterTable('announcements')
    .addColumn('important', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('announcements').dropColumn('important').execute()
  await db.schema.dropTable('wechat_subscriptions').execute()
  await db.schema.dropTable('notification_schedule').execute()
  await db.schema.dropTable('notification_outbox').execute()
  await db.schema.dropIndex('notifications_unread_idx').execute()
  await db.schema.dropIndex('notifications_dedupe_uq').execute()
  for (const column of ['dedupe_key', 'read_at', 'object_id', 'object_type', 'link']) {
    await db.schema.alterTable('notifications').dropColumn(column).execute()
  }
}
