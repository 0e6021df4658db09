import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'
import { dialectOf } from '../connect'

type Table = CreateTableBuilder<string, never>

/** The column shapes every migration shares, written once for both dialects. */
export function columnHelpers(db: Kysely<unknown>) {
  const postgres = dialectOf(db) === 'postgres'

  /** An integer primary key that counts up: `serial` on PostgreSQL, `autoincrement` on SQLite. */
  const withId = (table: Table): Table =>
    postgres
      ? table.addColumn('id', 'serial', (col) => col.primaryKey())
      : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())

  // ISO-8601 text sorts chronologically only under a byte-wise collation.
  const optionalTime = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.modifyFront(sql`collate "C"`) : col
  const time = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => optionalTime(col).notNull()

  return { postgres, withId, optionalTime, time }
}

/**
 * Makes tables append-only, as the points ledger is: the database refuses every update and delete
 * with "<table> is append-only". On PostgreSQL one trigger function (`functionName`) serves them all.
 */
export async function makeAppendOnly(
  db: Kysely<unknown>,
  functionName: string,
  tables: readonly string[],
): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`
      create function ${sql.raw(functionName)}() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only', tg_table_name;
      end
      $$`.execute(db)
    for (const table of tables) {
      await sql`
        create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.raw(table)}
        for each row execute function ${sql.raw(functionName)}()`.execute(db)
    }
    return
  }
  for (const table of tables) {
    for (const operation of ['update', 'delete']) {
      await sql`
        create trigger ${sql.raw(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.raw(table)}
        begin
          select raise(abort, ${sql.lit(`${table} is append-only`)});
        end`.execute(db)
    }
  }
}
