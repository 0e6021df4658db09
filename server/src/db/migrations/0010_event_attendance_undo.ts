import type { Kysely } from 'kysely'
import { columnHelpers } from './columns'

/*
 * An organiser's 补签 or 请假 can be undone. The record leaves `checkins` (so the member can sign in
 * or be recorded again, one record per member and session as before), and a copy of it stays here
 * with who undid it and when: the history is kept, never erased.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, time, optionalTime } = columnHelpers(db)
  await withId(db.schema.createTable('attendance_undos'))
    .addColumn('session_id', 'integer', (col) =>
      col.notNull().references('course_sessions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    // The undone record as it was.
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('checked_in_at', 'text', time)
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (col) => col.references('users.id'))
    .addColumn('recorded_at', 'text', optionalTime)
    .addColumn('points_reversed', 'integer', (col) => col.notNull().defaultTo(0))
    // Who undid it, and when.
    .addColumn('undone_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('undone_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('attendance_undos_session_idx')
    .on('attendance_undos')
    .columns(['session_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attendance_undos').execute()
}
