import type { Kysely } from 'kysely'
import { columnHelpers } from './columns'

/*
 * The organiser's tools: a course's enrolment can be closed; a session can be cancelled with a
 * reason its members see; a notice keeps when it was last edited, withdrawn, and when its unread
 * readers were last reminded (reminders are limited by a guarded update on that column).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { optionalTime } = columnHelpers(db)
  await db.schema
    .alterTable('courses')
    .addColumn('enrolment_open', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await db.schema.alterTable('course_sessions').addColumn('cancelled_at', 'text', optionalTime).execute()
  await db.schema.alterTable('course_sessions').addColumn('cancel_reason', 'text').execute()
  await db.schema.alterTable('announcements').addColumn('edited_at', 'text', optionalTime).execute()
  await db.schema.alterTable('announcements').addColumn('withdrawn_at', 'text', optionalTime).execute()
  await db.schema.alterTable('announcements').addColumn('reminded_at', 'text', optionalTime).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['reminded_at', 'withdrawn_at', 'edited_at']) {
    await db.schema.alterTable('announcements').dropColumn(column).execute()
  }
  await db.schema.alterTable('course_sessions').dropColumn('cancel_reason').execute()
  await db.schema.alterTable('course_sessions').dropColumn('cancelled_at').execute()
  await db.schema.alterTable('courses').dropColumn('enrolment_open').execute()
}
