import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely'
import { dialectOf } from './connect'
import { migrations } from './migrations'

function migratorFor(db: Kysely<unknown>, schema: string | undefined): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  })
}

/**
 * On PostgreSQL the bookkeeping tables live in the current schema; naming it explicitly keeps
 * Kysely from mistaking another schema's tables for ours.
 */
async function currentSchema<T>(db: Kysely<T>): Promise<string | undefined> {
  if (dialectOf(db) !== 'postgres') return undefined
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema
}

function check({ error, results }: MigrationResultSet): void {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')
    const detail = failed ? ` (migration ${failed.migrationName})` : ''
    throw new Error(`Database migration failed${detail}: ${String(error)}`, { cause: error })
  }
}

/** Applies every pending migration; a no-op when the database is up to date. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const untyped = db as unknown as Kysely<unknown>
  const resultSet = await migratorFor(untyped, await currentSchema(db)).migrateToLatest()
  check(resultSet)
  return (resultSet.results ?? []).map((result) => result.migrationName)
}

/** Reverts the latest migration (development aid). */
export async function migrateDown<T>(db: Kysely<T>): Promise<string[]> {
  const untyped = db as unknown as Kysely<unknown>
  const resultSet = await migratorFor(untyped, await currentSchema(db)).migrateDown()
  check(resultSet)
  return (resultSet.results ?? []).map((result) => result.migrationName)
}
