import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { loadConfig } from '../../server/src/config'

/**
 * A fresh, empty database for one benchmark: a temp folder for SQLite, or a schema of its own in
 * the PostgreSQL at `DATABASE_URL`. `cleanup` removes it.
 */
export async function benchDatabase(kind: 'sqlite' | 'postgres', name: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `red-e-park-bench-${name}-`))
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-that-is-long-enough-to-use',
    DATA_DIR: dataDir,
  }
  let dropSchema = async () => {}
  if (kind === 'postgres') {
    const url = process.env.DATABASE_URL as string
    const schema = `bench_${name}_${randomBytes(4).toString('hex')}`
    const admin = new Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    Object.assign(env, { DATABASE_URL: url, DATABASE_SCHEMA: schema })
    dropSchema = async () => {
      const client = new Client({ connectionString: url })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    }
  }
  return {
    config: loadConfig(env),
    cleanup: async () => {
      await dropSchema()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
