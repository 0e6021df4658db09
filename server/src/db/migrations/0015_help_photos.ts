import { sql, type Kysely } from 'kysely'
import { columnHelpers, makeAppendOnly } from './columns'

/*
 * Photos on 红e帮帮团 help requests. The bytes live in the database (`blob` on SQLite, `bytea` on
 * PostgreSQL), not on an instance's disk, so every instance answers every photo. The history gains
 * `photo_added` and `photo_removed`; a removed photo's bytes are gone, its history row stays.
 */

/** The kinds as 0012 wrote them, and with the photo entries. */
const BEFORE = ['submitted', 'assigned', 'status', 'reopened', 'replied', 'rated'] as const
const AFTER = [...BEFORE, 'photo_added', 'photo_removed'] as const

const kindCheck = (kinds: readonly string[]) =>
  `check (kind in (${kinds.map((kind) => `'${kind}'`).join(', ')}))`

/**
 * SQLite cannot alter a CHECK constraint: the table is rebuilt from its own stored definition with
 * the new list, its rows copied over, its indexes made again and its append-only triggers too.
 */
async function rebuildSqliteEvents(db: Kysely<unknown>, from: readonly string[], to: readonly string[]) {
  const objects = await sql<{ type: string; sql: string | null }>`
    select type, sql from sqlite_master where tbl_name = 'help_request_events'`.execute(db)
  const table = objects.rows.find((row) => row.type === 'table')?.sql
  if (!table) throw new Error('help_request_events table not found')
  if (!table.includes(kindCheck(from))) throw new Error('help_request_events kind check not as expected')
  const next = table
    .replace(/^create table "help_request_events"/i, 'create table "help_request_events_next"')
    .replace(kindCheck(from), kindCheck(to))
  await sql.raw(next).execute(db)
  await sql`insert into help_request_events_next select * from help_request_events`.execute(db)
  await sql`drop table help_request_events`.execute(db)
  await sql`alter table help_request_events_next rename to help_request_events`.execute(db)
  for (const index of objects.rows.filter((row) => row.type === 'index' && row.sql !== null)) {
    await sql.raw(index.sql as string).execute(db)
  }
  await makeAppendOnly(db, 'help_requests_append_only', ['help_request_events'])
}

async function setKinds(db: Kysely<unknown>, from: readonly string[], to: readonly string[]) {
  if (columnHelpers(db).postgres) {
    await sql`alter table help_request_events drop constraint help_request_events_kind_check`.execute(db)
    await sql`alter table help_request_events add constraint help_request_events_kind_check ${sql.raw(kindCheck(to))}`.execute(
      db,
    )
  } else {
    await rebuildSqliteEvents(db, from, to)
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { postgres, withId, time } = columnHelpers(db)
  await setKinds(db, BEFORE, AFTER)

  await withId(db.schema.createTable('help_request_photos'))
    .addColumn('request_id', 'integer', (col) => col.notNull().references('help_requests.id'))
    .addColumn('uploader_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('content_type', 'text', (col) =>
      col.notNull().check(sql`content_type in ('image/jpeg', 'image/png', 'image/webp')`),
    )
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('bytes', postgres ? 'bytea' : 'blob', (col) => col.notNull())
    .addColumn('created_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('help_request_photos_request_idx')
    .on('help_request_photos')
    .columns(['request_id', 'id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('help_request_photos').execute()
  // Refused while the history holds photo entries: it is append-only.
  await setKinds(db, AFTER, BEFORE)
}
