import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresAdapter, type SqliteDatabase as KyselySqliteDatabase } from 'kysely'
import { Pool } from 'pg'
import type { Config } from '../config'
import { PostgresLiteralLimitsDialect, SqliteLiteralLimitsDialect } from './literal-limits'
import { statementNames, useNamedStatements } from './named-statements'
import { postgresSetupLock, sqliteSetupLock, type SetupLock } from './setup-lock'
import type { Database } from './types'
import { LruMap } from '../lru'

export type DialectName = 'sqlite' | 'postgres'

export interface DbHandle {
  db: Kysely<Database>
  dialect: DialectName
  /** Holds the setup lock while migrating and seeding (see setup-lock.ts). */
  underSetupLock: SetupLock
  destroy(): Promise<void>
}

export const SQLITE_FILE = 'red-e-park.sqlite'

/** How the app's connections appear in `pg_stat_activity` unless the URL names another. */
export const APPLICATION_NAME = 'red-e-park'

/** Where a broken connection is reported: a warning, never the end of the process. */
export type ConnectionErrorLog = (error: Error) => void

export function createDb(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'databaseSchema'>,
  onConnectionError: ConnectionErrorLog = () => {},
): DbHandle {
  if (config.databaseUrl) {
    const pool = new Pool({
      connectionString: config.databaseUrl,
      // An `application_name` in the URL wins over this default.
      application_name: APPLICATION_NAME,
      max: 10,
      // Waiting for a free connection (a 500-person sign-in burst on 10 connections, on a busy
      // machine) or for an unreachable server ends in a 503 after 15 s instead of hanging; a server
      // that is down refuses at once and is answered 503 at once.
      connectionTimeoutMillis: 15_000,
      options: config.databaseSchema ? `-c search_path=${config.databaseSchema}` : undefined,
    })
    // A backend that ends (restart, failover, pg_terminate_backend) makes its client emit 'error';
    // unheard, that error would end the process. The pool drops broken clients and opens new ones,
    // and the query that was running fails on its own (answered 503), so logging is all that is left.
    pool.on('error', onConnectionError)
    const nameOf = statementNames()
    pool.on('connect', (client) => {
      client.on('error', onConnectionError)
      useNamedStatements(client, nameOf)
    })
    const db = new Kysely<Database>({ dialect: new PostgresLiteralLimitsDialect({ pool }) })
    return { db, dialect: 'postgres', underSetupLock: postgresSetupLock(pool), destroy: () => db.destroy() }
  }

  mkdirSync(config.dataDir, { recursive: true })
  const sqlite = new SqliteDatabase(path.join(config.dataDir, SQLITE_FILE))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Safe with WAL: a power loss may drop the last commits but never corrupts the file.
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({
    dialect: new SqliteLiteralLimitsDialect({ database: withStatementCache(sqlite) }),
  })
  return {
    db,
    dialect: 'sqlite',
    underSetupLock: sqliteSetupLock(path.join(config.dataDir, `${SQLITE_FILE}.setup-lock`)),
    destroy: () => db.destroy(),
  }
}

/** Prepared statements kept per SQL text (least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew, and preparing a statement with joins and subqueries costs
 * more than running it; reusing prepared statements roughly halves the time of a list request.
 * Safe because better-sqlite3 runs each statement to completion synchronously (Kysely's streaming
 * `iterate` is the exception, and nothing here streams).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new LruMap<string, SqliteDatabase.Statement>(STATEMENT_CACHE_SIZE)
  return {
    close: () => sqlite.close(),
    prepare: (text) => {
      let statement = cache.get(text)
      if (!statement) {
        statement = sqlite.prepare(text)
        cache.set(text, statement)
      }
      return statement
    },
  }
}

/** Which SQL dialect a Kysely instance speaks (migrations and a few queries differ). */
export function dialectOf<T>(db: Kysely<T>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
