import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { buildApp, type App } from '../../server/src/app'
import { loadConfig, type Config } from '../../server/src/config'
import { migrateToLatest } from '../../server/src/db/migrate'
import { seedIfEmpty } from '../../server/src/db/seed'
import type { LoginResult } from '../../server/src/schemas'

type Env = Record<string, string>

export interface TestConfig {
  config: Config
  /** Removes the database (temp folder or PostgreSQL schema). */
  cleanup: () => Promise<void>
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres'
  /** A config pointing at a fresh, empty database of this kind. */
  makeConfig: (env?: Env) => Promise<TestConfig>
}

/** Every test builds its config from this alone, never from the developer's environment. */
const BASE_ENV: Env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough',
  DEMO_LOGIN: '1',
  // Suites log the same demo accounts in many times; the limits have their own tests.
  LOGIN_LIMIT_PER_ADDRESS: '100000',
  LOGIN_LIMIT_PER_ACCOUNT: '100000',
  STATIC_DIR: path.join(os.tmpdir(), 'red-e-park-no-h5-build'),
}

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'red-e-park-test-'))

const sqlite: TestDatabase = {
  name: 'sqlite',
  makeConfig: async (env = {}) => {
    const dataDir = tempDir()
    return {
      config: loadConfig({ ...BASE_ENV, DATA_DIR: dataDir, ...env }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  },
}

const postgresUrl = process.env.TEST_DATABASE_URL

/** Each call gets its own schema, so test files run in parallel against one database. */
const postgres: TestDatabase = {
  name: 'postgres',
  makeConfig: async (env = {}) => {
    const url = postgresUrl as string
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = new Client({ connectionString: url })
    await admin.connect()
    try {
      await admin.query(`create schema ${schema}`)
    } finally {
      await admin.end()
    }
    const dataDir = tempDir()
    return {
      config: loadConfig({
        ...BASE_ENV,
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        DATABASE_SCHEMA: schema,
        ...env,
      }),
      cleanup: async () => {
        rmSync(dataDir, { recursive: true, force: true })
        const client = new Client({ connectionString: url })
        await client.connect()
        try {
          await client.query(`drop schema if exists ${schema} cascade`)
        } finally {
          await client.end()
        }
      },
    }
  },
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Use with `describe.each(databases)`. */
export const databases: TestDatabase[] = postgresUrl ? [sqlite, postgres] : [sqlite]

export interface TestApp {
  app: App
  config: Config
  close: () => Promise<void>
}

/** Builds the app on a fresh database, migrated and (unless `seed: false`) seeded with the demo park. */
export async function startApp(
  database: TestDatabase,
  options: { env?: Env; seed?: boolean; now?: () => Date } = {},
): Promise<TestApp> {
  const { config, cleanup } = await database.makeConfig(options.env)
  const app = await buildApp(config, { now: options.now })
  await migrateToLatest(app.db)
  if (options.seed !== false) await seedIfEmpty(app.db)
  return {
    app,
    config,
    close: async () => {
      await app.close()
      await cleanup()
    },
  }
}

export async function login(app: App, userId: number): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { userId } })
  if (response.statusCode !== 200) throw new Error(`demo login of ${userId} failed: ${response.body}`)
  return response.json<LoginResult>().token
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Seeded people by role, for tests that need "a member of branch X" and the like. */
export async function seededPeople(app: App) {
  const users = await app.db
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'branch_id', 'is_ceo'])
    .where('wechat_openid', 'is', null)
    .orderBy('id')
    .execute()
  const has = (roles: string, role: string) => roles.split(',').includes(role)
  const parkAdmins = users.filter((user) => has(user.roles, 'park_admin'))
  const secretaries = users.filter((user) => has(user.roles, 'secretary'))
  const plainMembers = users.filter(
    (user) => user.roles === 'member' && user.branch_id !== null && user.is_ceo === 0,
  )
  const secretaryOf = (branchId: number) => {
    const found = secretaries.find((user) => user.branch_id === branchId)
    if (!found) throw new Error(`no secretary in branch ${branchId}`)
    return found
  }
  const memberOf = (branchId: number) => {
    const found = plainMembers.find((user) => user.branch_id === branchId)
    if (!found) throw new Error(`no member in branch ${branchId}`)
    return found
  }
  return { users, parkAdmins, secretaries, plainMembers, secretaryOf, memberOf }
}

/** Adds members straight to the database (for crowds larger than the seed, or odd names). */
export async function addMembers(
  app: App,
  count: number,
  fields: { branchId?: number | null; isCeo?: boolean; name?: (n: number) => string } = {},
): Promise<number[]> {
  const rows = Array.from({ length: count }, (_, n) => ({
    name: fields.name?.(n) ?? `测试成员${n + 1}`,
    wechat_openid: `test-${randomBytes(8).toString('hex')}`,
    branch_id: fields.branchId ?? null,
    company_id: null,
    political_status: 'party_member' as const,
    is_ceo: fields.isCeo ? 1 : 0,
    roles: 'member',
    created_at: new Date().toISOString(),
  }))
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await app.db
      .insertInto('users')
      .values(rows.slice(i, i + 200))
      .returning('id')
      .execute()
    ids.push(...inserted.map((row) => row.id))
  }
  return ids
}

/**
 * A login token made as the app makes them, with what a test needs to differ: another secret, an
 * issue time in the past, another lifetime or algorithm.
 */
export function signedToken(
  app: App,
  userId: number,
  options: { secret?: string; issuedAt?: number; ttlSeconds?: number; algorithm?: 'HS256' | 'HS512' } = {},
): string {
  return app.jwt.sign(
    { sub: String(userId) },
    {
      ...(options.secret ? { key: options.secret } : {}),
      ...(options.issuedAt ? { clockTimestamp: options.issuedAt } : {}),
      ...(options.ttlSeconds ? { expiresIn: options.ttlSeconds } : {}),
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    },
  )
}

/** A bearer header for any user, without going through a login endpoint. */
export const tokenFor = (app: App, userId: number) => bearer(app.issueToken(userId))
