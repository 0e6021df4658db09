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
