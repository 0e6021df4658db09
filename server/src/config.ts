import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { TemplateKey } from './schemas/notifications'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  production: boolean
  port: number
  host: string
  /** Holds the SQLite file and generated secrets. */
  dataDir: string
  /** `postgres://…` switches the store to PostgreSQL. */
  databaseUrl: string | undefined
  /** PostgreSQL schema to use (sets `search_path`); the server's default schema when unset. */
  databaseSchema: string | undefined
  demoLogin: boolean
  /** Seed the demo park into an empty database (`SEED_DEMO`; never in production). */
  seedDemo: boolean
  jwtSecret: string
  jwtTtlSeconds: number
  wechat: { appid: string | undefined; secret: string | undefined; apiBase: string }
  /** Subscribe-message template ids by what they carry; a message without one is in-app only. */
  wechatTemplates: WechatTemplates
  /** How often each instance's notification worker looks for due work. */
  notifyPollMs: number
  /** The built H5 app; served only when the folder exists. */
  staticDir: string
  logLevel: LogLevel
  /** Login attempts per minute from one client address (a venue behind one NAT must fit). */
  loginLimitPerAddress: number
  /** Login attempts per minute for one account, from anywhere. */
  loginLimitPerAccount: number
  /** `redis://…`: keep the login limits in Redis instead of the database. */
  redisUrl: string | undefined
  /** Prefix of every Redis key this app writes (several deployments may share one Redis). */
  redisKeyPrefix: string
  trustProxy: boolean
}

type Env = Record<string, string | undefined>

/** What each subscribe-message template carries (README: the template fields). */
export const TEMPLATE_KEYS = [
  'waitlist',
  'event_change',
  'event_reminder',
  'session_reminder',
  'notice',
  'join_result',
] as const satisfies readonly TemplateKey[]
export type WechatTemplates = Partial<Record<TemplateKey, string>>

/** `WECHAT_TEMPLATE_EVENT_REMINDER` and so on, one per key. */
export const templateEnvName = (key: TemplateKey) => `WECHAT_TEMPLATE_${key.toUpperCase()}`

function wechatTemplates(env: Env): WechatTemplates {
  const templates: WechatTemplates = {}
  for (const key of TEMPLATE_KEYS) {
    const id = nonEmpty(env[templateEnvName(key)])
    if (id === undefined) continue
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new Error(`${templateEnvName(key)} is not a template id`)
    templates[key] = id
  }
  return templates
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

// server/src/config.ts → the repository root is two folders up.
const repoRoot = path.resolve(__dirname, '..', '..')

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production'
  const dataDir = path.resolve(process.cwd(), nonEmpty(env.DATA_DIR) ?? 'data')
  // Quiet by default outside production: the start-up line and warnings only.
  const logLevel = (nonEmpty(env.LOG_LEVEL) ?? (production ? 'info' : 'warn')) as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  const databaseSchema = nonEmpty(env.DATABASE_SCHEMA)
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]*$/i.test(databaseSchema)) {
    throw new Error('DATABASE_SCHEMA must be a plain identifier')
  }

  return {
    production,
    port: integer(env.PORT, 'PORT', 3000, 0, 65535),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    dataDir,
    databaseUrl: nonEmpty(env.DATABASE_URL),
    databaseSchema,
    demoLogin: demoLogin(env, production),
    seedDemo: seedDemo(env, production),
    jwtSecret: jwtSecret(env, production, dataDir),
    jwtTtlSeconds: integer(env.JWT_TTL_SECONDS, 'JWT_TTL_SECONDS', 7 * 24 * 3600, 60, 365 * 24 * 3600),
    wechat: {
      appid: nonEmpty(env.WECHAT_APPID),
      secret: nonEmpty(env.WECHAT_SECRET),
      apiBase: (nonEmpty(env.WECHAT_API_BASE) ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    },
    wechatTemplates: wechatTemplates(env),
    notifyPollMs: integer(env.NOTIFY_POLL_MS, 'NOTIFY_POLL_MS', 1000, 50, 3_600_000),
    staticDir: path.resolve(process.cwd(), nonEmpty(env.STATIC_DIR) ?? path.join(repoRoot, 'dist', 'h5')),
    logLevel,
    loginLimitPerAddress: integer(env.LOGIN_LIMIT_PER_ADDRESS, 'LOGIN_LIMIT_PER_ADDRESS', 1200, 1, 1_000_000),
    loginLimitPerAccount: integer(env.LOGIN_LIMIT_PER_ACCOUNT, 'LOGIN_LIMIT_PER_ACCOUNT', 10, 1, 1_000_000),
    redisUrl: nonEmpty(env.REDIS_URL),
    redisKeyPrefix: nonEmpty(env.REDIS_KEY_PREFIX) ?? 'red-e-park:',
    trustProxy: flag(env.TRUST_PROXY, 'TRUST_PROXY', false),
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

function integer(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = nonEmpty(value)
  if (raw === undefined) return fallback
  const parsed = Number(raw)
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  }
  return parsed
}

function flag(value: string | undefined, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(value)?.toLowerCase()
  if (raw === undefined) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new Error(`${name} must be 1 or 0, got "${value}"`)
}

/** Minimum JWT_SECRET length in production: HS256 keys shorter than its 32-byte hash are weak. */
const MIN_SECRET_BYTES = 32

function demoLogin(env: Env, production: boolean): boolean {
  const on = flag(env.DEMO_LOGIN, 'DEMO_LOGIN', !production)
  if (on && production) {
    throw new Error('DEMO_LOGIN=1 is not allowed in production: anyone could sign in as any demo account')
  }
  return on
}

function seedDemo(env: Env, production: boolean): boolean {
  const on = flag(env.SEED_DEMO, 'SEED_DEMO', !production)
  if (on && production) {
    throw new Error('SEED_DEMO=1 is not allowed in production: the demo park is fictional data')
  }
  return on
}

/**
 * Production must bring its own secret, at least 32 bytes long. Elsewhere one is generated on first start and kept in the
 * data folder, so tokens survive restarts without any setup.
 */
function jwtSecret(env: Env, production: boolean, dataDir: string): string {
  const given = nonEmpty(env.JWT_SECRET)
  if (given && production && Buffer.byteLength(given, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(
      `JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes in production (got ${Buffer.byteLength(given, 'utf8')}): use a long random string`,
    )
  }
  if (given) return given
  if (production) {
    throw new Error('JWT_SECRET is required when NODE_ENV=production (set it to a long random string)')
  }
  const file = path.join(dataDir, 'jwt-secret')
  mkdirSync(dataDir, { recursive: true })
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const stored = readFileSync(file, 'utf8').trim()
  if (!stored) throw new Error(`${file} is empty: delete it to generate a new secret`)
  return stored
}
