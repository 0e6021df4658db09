import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

/*
 * Sign-ins that arrive after their code expired wait for an organiser: checkins.status gains
 * `pending`. Short codes get a limit per session on top of the one per member: the wrong guesses of
 * the last minute, and the time until which a session takes no short codes.
 */

/** `check (status in ('present', 'late', 'leave'))`, as 0003 wrote it. */
const statusCheck = (statuses: readonly string[]) =>
  `check (status in (${statuses.map((status) => `'${status}'`).join(', ')}))`

const BEFORE = ['present', 'late', 'leave'] as const
const AFTER = [...BEFORE, 'pending'] as const

/**
 * SQLite cannot alter a CHECK constraint: the table is rebuilt from its own stored definition with
 * the new list, its rows copied over and its indexes made again.
 */
async function rebuildSqliteCheckins(db: Kysely<unknown>, from: readonly string[], to: readonly string[]) {
  const objects = await sql<{ type: string; sql: string | null }>`
    select type, sql from sqlite_master where tbl_name = 'checkins'`.execute(db)
  const table = objects.rows.find((row) => row.type === 'table')?.sql
  if (!table) throw new Error('checkins table not found')
  if (!table.includes(statusCheck(from))) throw new Error('checkins status check not as expected')
  const next = table
    .replace(/^create table "checkins"/i, 'create table "checkins_next"')
    .replace(statusCheck(from), statusCheck(to))
  await sql.raw(next).execute(db)
  await sql`insert into checkins_next select * from checkins`.execute(db)
  await sql`drop table checkins`.execute(db)
  await sql`alter table checkins_next rename to checkins`.execute(db)
  for (const index of objects.rows.filter((row) => row.type === 'index' && row.sql !== null)) {
    await sql.raw(index.sql as string).execute(db)
  }
}

async function setStatuses(db: Kysely<unknown>, from: readonly string[], to: readonly string[]) {
  if (columnHelpers(db).postgres) {
    await sql`alter table checkins drop constraint checkins_status_check`.execute(db)
    await sql`alter table checkins add constraint checkins_status_check ${sql.raw(statusCheck(to))}`.execute(
      db,
    )
  } else {
    await rebuildSqliteCheckins(db, from, to)
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { time } = columnHelpers(db)
  await setStatuses(db, BEFORE, AFTER)

  // Wrong short codes of a session in the last minute, from every member and every server instance.
  await db.schema
    .createTable('short_code_misses')
    .addColumn('session_id', 'integer', (col) =>
      col.notNull().references('course_sessions.id').onDelete('cascade'),
    )
    .addColumn('missed_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('short_code_misses_session_idx')
    .on('short_code_misses')
    .columns(['session_id', 'missed_at'])
    .execute()
  // Sessions whose short codes are refused until `locked_until`.
  await db.schema
    .createTable('short_code_locks')
    .addColumn('session_id', 'integer', (col) =>
      col.primaryKey().references('course_sessions.id').onDelete('cascade'),
    )
    .addColumn('locked_until', 'text', time)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('short_code_locks').execute()
  await db.schema.dropTable('short_code_misses').execute()
  await sql`delete from checkins where status = 'pending'`.execute(db)
  await setStatuses(db, AFTER, BEFORE)
}
