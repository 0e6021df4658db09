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

/**
 * `<table>.version`: a counter that every update of the row moves on, kept by a trigger on both
 * databases (`<table>_version_bump`), whatever code or tool writes the row.
 */
export async function addVersionColumn(db: Kysely<unknown>, table: string): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  const name = sql.raw(`${table}_version_bump`)
  if (dialectOf(db) === 'postgres') {
    await sql`
      create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.version = old.version then
          new.version := old.version + 1;
        end if;
        return new;
      end
      $$`.execute(db)
    await sql`
      create trigger ${name} before update on ${sql.raw(table)}
      for each row execute function ${name}()`.execute(db)
    return
  }
  // SQLite: the inner update changes the version, so the trigger's condition stops it there.
  await sql`
    create trigger ${name} after update on ${sql.raw(table)}
    for each row when new.version = old.version
    begin
      update ${sql.raw(table)} set version = old.version + 1 where id = new.id;
    end`.execute(db)
}

/**
 * Renaming a row of `renamed` moves on the version of the `table` rows whose `column` points at it
 * (trigger `<renamed>_rename_<table>_version`).
 */
export async function bumpVersionOnRename(
  db: Kysely<unknown>,
  renamed: string,
  table: string,
  column: string,
): Promise<void> {
  const name = sql.raw(`${renamed}_rename_${table}_version`)
  const bump = sql`update ${sql.raw(table)} set version = version + 1 where ${sql.raw(column)} = new.id`
  if (dialectOf(db) === 'postgres') {
    await sql`
      create function ${name}() returns trigger language plpgsql as $$
      begin
        ${bump};
        return null;
      end
      $$`.execute(db)
    await sql`
      create trigger ${name} after update of name on ${sql.raw(renamed)}
      for each row when (old.name is distinct from new.name)
      execute function ${name}()`.execute(db)
    return
  }
  await sql`
    create trigger ${name} after update of name on ${sql.raw(renamed)}
    for each row when old.name is not new.name
    begin
      ${bump};
    end`.execute(db)
}

/** Drops a trigger of `table` and, on PostgreSQL, its function of the same name. */
export async function dropTrigger(db: Kysely<unknown>, name: string, table: string): Promise<void> {
  const postgres = dialectOf(db) === 'postgres'
  await sql`drop trigger if exists ${sql.raw(name)}${sql.raw(postgres ? ` on ${table}` : '')}`.execute(db)
  if (postgres) await sql`drop function if exists ${sql.raw(name)}()`.execute(db)
}
