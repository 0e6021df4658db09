/**
 * `npm run bench`: one run, every figure as a ratio to a baseline measured in the same run.
 *
 * API: a bare Fastify hello-world in its own process is the ceiling; then the server, in another
 * process, on a fresh SQLite database (and, when DATABASE_URL or TEST_DATABASE_URL is set, on a fresh schema of that
 * PostgreSQL database) with the demo park seeded. autocannon at 10 connections measures every list
 * endpoint a member opens, signed in, as a phone asks for it (`Accept-Encoding: gzip, deflate, br`),
 * plus signups and a sign-in burst (2,000 members check in to one session with the code on screen).
 * Targets: GET /api/events at ≥ 20% of the hello-world with p99 ≤ 10 ms on SQLite, within 1.5× of
 * that on PostgreSQL; the burst all accepted with p99 ≤ 100 ms.
 *
 * Web (when dist/h5 is built): Lighthouse mobile on the login page and on 首页 signed in, bytes of a
 * first load and of a second visit, long tasks on a slowed CPU — see bench-web.ts.
 *
 * `npm run bench -- --api` or `-- --web` runs one half.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { buildApp, type App } from '../server/src/app'
import { loadConfig } from '../server/src/config'
import { migrateToLatest } from '../server/src/db/migrate'
import { seedIfEmpty } from '../server/src/db/seed'
import Fastify from 'fastify'
import type { CheckinCode, CourseDetail, EventDetail } from '../server/src/schemas'
import { h5BuildDir, reportWeb, runWebBench } from './bench-web'

const CONNECTIONS = 10
const DURATION_S = 5
const WARMUP_S = 1
/** Members who sign up in turn; once each has signed up, repeats answer 409 (counted as non-2xx). */
const EXTRA_MEMBERS = 3000
/** GET /api/events against the hello-world on SQLite; PostgreSQL within 1.5× of that share. */
const TARGET_SHARE = 0.2
const TARGET_P99_MS = 10
const TARGET_POSTGRES_FACTOR = 1.5
/** What a phone's browser sends: the API answers compressed above a small size. */
const PHONE_HEADERS = { 'accept-encoding': 'gzip, deflate, br' }
const ROOT = path.resolve(__dirname, '..')

interface Histogram {
  average: number
  p99: number
}
interface AutocannonResult {
  requests: Histogram
  latency: Histogram
  non2xx: number
  errors: number
  timeouts: number
  statusCodeStats: Record<string, { count: number }>
}
interface AutocannonRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest
}
interface AutocannonOptions {
  url: string
  connections: number
  duration: number
  method?: string
  headers?: Record<string, string>
  requests?: AutocannonRequest[]
}
// autocannon ships no type declarations: describe the part used here.
const autocannon = createRequire(__filename)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>

interface Row {
  name: string
  result: AutocannonResult
}

/** Members in the sign-in burst, and how many of their requests are in flight at once. */
const BURST_MEMBERS = 2000
const BURST_CONCURRENCY = 10
const BURST_TARGET_P99_MS = 100

interface BurstResult {
  accepted: number
  statuses: Record<number, number>
  seconds: number
  perSecond: number
  p99: number
}

/** Every member checks in once with the same code, BURST_CONCURRENCY requests at a time. */
async function signinBurst(url: string, code: string, tokens: readonly string[]): Promise<BurstResult> {
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let next = 0
  const started = performance.now()
  const worker = async () => {
    for (let i = next++; i < tokens.length; i = next++) {
      const sent = performance.now()
      const response = await fetch(`${url}/api/checkins`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: tokens[i] as string },
        body: JSON.stringify({ code }),
      })
      await response.arrayBuffer()
      latencies.push(performance.now() - sent)
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: BURST_CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    accepted: statuses[201] ?? 0,
    statuses,
    seconds,
    perSecond: tokens.length / seconds,
    p99: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0,
  }
}

function reportBurst(burst: BurstResult): void {
  const statuses = Object.entries(burst.statuses)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ')
  console.log(
    `sign-in burst: ${BURST_MEMBERS} members, ${BURST_CONCURRENCY} in flight → accepted ${burst.accepted} ` +
      `in ${burst.seconds.toFixed(1)} s, ${burst.perSecond.toFixed(0)} req/s, p99 ${burst.p99.toFixed(1)} ms (${statuses})`,
  )
  const met = burst.accepted === BURST_MEMBERS && burst.seconds <= 10 && burst.p99 <= BURST_TARGET_P99_MS
  console.log(
    `target: all ${BURST_MEMBERS} accepted within 10 s with p99 ≤ ${BURST_TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}`,
  )
}

interface Target {
  label: string
  env: Record<string, string>
  cleanup: () => Promise<void>
}

function sqliteTarget(): Target {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-bench-'))
  return {
    label: 'SQLite (better-sqlite3, WAL)',
    env: { DATA_DIR: dataDir },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

async function postgresTarget(url: string): Promise<Target> {
  const schema = `bench_${randomBytes(5).toString('hex')}`
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-bench-'))
  const admin = new Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  return {
    label: `PostgreSQL (schema ${schema}, pool of 10)`,
    env: { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_SCHEMA: schema },
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true })
      const client = new Client({ connectionString: url })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    },
  }
}

async function addBenchMembers(app: App, count: number): Promise<number[]> {
  const ids: number[] = []
  const createdAt = new Date().toISOString()
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, (_, n) => ({
      name: `压测成员${i + n + 1}`,
      wechat_openid: `bench-${i + n + 1}`,
      branch_id: null,
      company_id: null,
      political_status: 'masses' as const,
      is_ceo: 0,
      roles: 'member',
      created_at: createdAt,
    }))
    const inserted = await app.db.insertInto('users').values(rows).returning('id').execute()
    ids.push(...inserted.map((row) => row.id))
  }
  return ids
}

async function measure(options: AutocannonOptions): Promise<AutocannonResult> {
  await autocannon({ ...options, duration: WARMUP_S })
  return autocannon(options)
}

/** What the server process hands the load generator: where it listens and who may call it. */
interface Served {
  url: string
  memberToken: string
  adminToken: string
  crowdTokens: string[]
}

/** `--hello`: the baseline, a bare Fastify hello-world, alone in its own process. */
async function helloWorld(): Promise<void> {
  const app = Fastify({ logger: false })
  app.get('/', async () => ({ hello: 'world' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`)
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
}

/**
 * `--serve`: the server side of the bench, in its own process, so that the server and the load
 * generator each get a core instead of sharing one event loop.
 */
async function serve(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DEMO_LOGIN: '1',
    STATIC_DIR: path.join(os.tmpdir(), 'red-e-park-bench-no-h5'),
    ...(process.env as Record<string, string>),
  })
  const app = await buildApp(config)
  await migrateToLatest(app.db)
  await seedIfEmpty(app.db)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo

  // A demo member of a branch, as the app would log in; a park admin to organise; a crowd to sign up.
  const member = await app.db
    .selectFrom('users')
    .select('id')
    .where('roles', '=', 'member')
    .where('branch_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const admin = await app.db
    .selectFrom('users')
    .select('id')
    .where('roles', 'like', '%park_admin%')
    .executeTakeFirstOrThrow()
  const seeded = await app.db.selectFrom('users').select('id').where('wechat_openid', 'is', null).execute()
  const crowd =
    process.env.BENCH_CROWD === '0'
      ? []
      : [...seeded.map((user) => user.id), ...(await addBenchMembers(app, EXTRA_MEMBERS))]
  const served: Served = {
    url: `http://127.0.0.1:${port}`,
    memberToken: `Bearer ${app.issueToken(member.id)}`,
    adminToken: `Bearer ${app.issueToken(admin.id)}`,
    crowdTokens: crowd.map((id) => `Bearer ${app.issueToken(id)}`),
  }
  process.stdout.write(`${JSON.stringify(served)}\n`)
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
}

/** Starts this file in a child process (`--serve` or `--hello`) and waits for its first line. */
async function startProcess<T>(
  mode: '--serve' | '--hello',
  env: Record<string, string>,
): Promise<{ served: T; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, mode], {
    env: {
      ...process.env,
      // The target alone decides the database: no DATABASE_URL from the shell for the SQLite round.
      DATABASE_URL: '',
      DATABASE_SCHEMA: '',
      JWT_SECRET: randomBytes(24).toString('base64url'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const served = await new Promise<T>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const newline = buffered.indexOf('\n')
      if (newline >= 0) resolve(JSON.parse(buffered.slice(0, newline)) as T)
    })
    child.once('exit', (code) => reject(new Error(`the bench process ${mode} exited early (${code})`)))
  })
  return {
    served,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** The lists a member opens, signed in, each as the app asks for its first page. */
const LISTS = [
  '/api/events',
  '/api/announcements',
  '/api/courses',
  '/api/health-packages',
  '/api/me/signups',
  '/api/me/notifications',
  '/api/me/points',
]

interface ApiRun {
  rows: Row[]
  burst: BurstResult
}

async function runApi(target: Target, helloUrl: string): Promise<ApiRun> {
  const { served, stop } = await startProcess<Served>('--serve', target.env)
  try {
    const { url, memberToken, adminToken, crowdTokens: tokens } = served
    const startsAt = new Date(Date.now() + 7 * 24 * 3600 * 1000)
    const created = await fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: adminToken },
      body: JSON.stringify({
        title: '压测活动',
        category: 'other',
        venue: '创新驿站路演厅',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
        capacity: 100000,
      }),
    })
    const event = (await created.json()) as EventDetail
    let next = 0

    const base = { connections: CONNECTIONS, duration: DURATION_S }
    const rows: Row[] = []
    // The baseline first, then the server: the same load generator, minutes apart at most.
    rows.push({ name: 'bare Fastify hello-world', result: await measure({ ...base, url: helloUrl }) })
    rows.push({ name: 'GET /api/health', result: await measure({ ...base, url: `${url}/api/health` }) })
    const signedIn = { ...PHONE_HEADERS, authorization: memberToken }
    for (const list of LISTS) {
      rows.push({
        name: `GET ${list}`,
        result: await measure({ ...base, url: `${url}${list}`, headers: signedIn }),
      })
    }
    rows.push({
      name: 'GET /api/events (identity)',
      result: await measure({ ...base, url: `${url}/api/events`, headers: { authorization: memberToken } }),
    })
    rows.push({
      name: 'GET /api/me',
      result: await measure({ ...base, url: `${url}/api/me`, headers: signedIn }),
    })
    const signup = await autocannon({
      ...base,
      url,
      requests: [
        {
          method: 'POST',
          path: `/api/events/${event.id}/signup`,
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, authorization: tokens[next++ % tokens.length] as string },
          }),
        },
      ],
    })
    rows.push({ name: 'POST /api/events/:id/signup', result: signup })

    // A training session starting in ten minutes, its code on the screen, and the crowd at the door.
    const adminAuth = { 'content-type': 'application/json', authorization: adminToken }
    const sessionStart = Date.now() + 10 * 60 * 1000
    const course = (await (
      await fetch(`${url}/api/courses`, {
        method: 'POST',
        headers: adminAuth,
        body: JSON.stringify({
          title: '压测培训班',
          description: '',
          capacity: 100000,
          sessions: [
            {
              startsAt: new Date(sessionStart).toISOString(),
              endsAt: new Date(sessionStart + 2 * 3600 * 1000).toISOString(),
              venue: '创新驿站路演厅',
              lecturer: '黄老师',
            },
          ],
        }),
      })
    ).json()) as CourseDetail
    const sessionId = course.sessions[0]?.id as number
    const screen = async () =>
      (await (
        await fetch(`${url}/api/sessions/${sessionId}/checkin-code`, { headers: adminAuth })
      ).json()) as CheckinCode
    // A fresh code, so that it outlives the burst (a code lives 30 s).
    let shown = await screen()
    if (shown.refreshInMs < 9000) {
      await new Promise((resolve) => setTimeout(resolve, shown.refreshInMs + 50))
      shown = await screen()
    }
    const burst = await signinBurst(url, shown.code, tokens.slice(0, BURST_MEMBERS))
    return { rows, burst }
  } finally {
    await stop()
    await target.cleanup()
  }
}

const EVENTS_ROW = 'GET /api/events'

function eventsShare(rows: Row[]): { share: number; p99: number } {
  const ceiling = rows[0]!.result.requests.average
  const events = rows.find((row) => row.name === EVENTS_ROW)!.result
  return { share: events.requests.average / ceiling, p99: events.latency.p99 }
}

function report(label: string, rows: Row[]): void {
  const ceiling = rows[0]!.result.requests.average
  const statuses = (result: AutocannonResult) =>
    Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ')
  console.log(`\n${label} — ${CONNECTIONS} connections, ${DURATION_S} s each`)
  console.log(
    [
      'endpoint'.padEnd(32),
      'req/s'.padStart(8),
      'p99 ms'.padStart(8),
      'vs hello'.padStart(10),
      '  statuses',
    ].join(''),
  )
  for (const { name, result } of rows) {
    const share = result.requests.average / ceiling
    console.log(
      [
        name.padEnd(32),
        result.requests.average.toFixed(0).padStart(8),
        String(result.latency.p99).padStart(8),
        `${(share * 100).toFixed(1)}%`.padStart(10),
        `  ${statuses(result)}${result.errors ? ` errors×${result.errors}` : ''}`,
      ].join(''),
    )
  }
}

/** Each endpoint's share of the hello-world on SQLite against its share on PostgreSQL. */
function reportDatabases(sqlite: Row[], postgres: Row[]): void {
  const share = (rows: Row[], name: string) =>
    (rows.find((row) => row.name === name)?.result.requests.average ?? 0) / rows[0]!.result.requests.average
  console.log(`\nSQLite against PostgreSQL (share of the hello-world; SQLite ÷ PostgreSQL)`)
  for (const { name } of sqlite.slice(1)) {
    const a = share(sqlite, name)
    const b = share(postgres, name)
    console.log(
      [
        name.padEnd(32),
        `${(a * 100).toFixed(1)}%`.padStart(8),
        `${(b * 100).toFixed(1)}%`.padStart(8),
        `${b > 0 ? (a / b).toFixed(2) : '—'}×`.padStart(8),
      ].join(''),
    )
  }
}

async function benchApi(): Promise<void> {
  const targets: Array<() => Promise<Target>> = [async () => sqliteTarget()]
  const databaseUrl = (process.env.DATABASE_URL || process.env.TEST_DATABASE_URL)?.trim()
  if (databaseUrl) targets.push(() => postgresTarget(databaseUrl))
  const hello = await startProcess<{ url: string }>('--hello', {})
  const shares: Array<{ label: string; share: number; p99: number }> = []
  const runs: Row[][] = []
  try {
    for (const makeTarget of targets) {
      const target = await makeTarget()
      const { rows, burst } = await runApi(target, hello.served.url)
      report(target.label, rows)
      reportBurst(burst)
      shares.push({ label: target.label, ...eventsShare(rows) })
      runs.push(rows)
    }
  } finally {
    await hello.stop()
  }
  const [sqlite, postgres] = shares
  if (!sqlite) return
  const sqliteMet = sqlite.share >= TARGET_SHARE && sqlite.p99 <= TARGET_P99_MS
  console.log(
    `\ntarget: ${EVENTS_ROW} ≥ ${TARGET_SHARE * 100}% of the hello-world with p99 ≤ ${TARGET_P99_MS} ms on SQLite → ` +
      `${(sqlite.share * 100).toFixed(1)}%, p99 ${sqlite.p99} ms: ${sqliteMet ? 'met' : 'NOT met'}`,
  )
  if (runs.length === 2) reportDatabases(runs[0]!, runs[1]!)
  if (postgres) {
    const factor = sqlite.share / postgres.share
    console.log(
      `target: PostgreSQL within ${TARGET_POSTGRES_FACTOR}× of SQLite → ${(postgres.share * 100).toFixed(1)}% ` +
        `(${factor.toFixed(2)}×), p99 ${postgres.p99} ms: ${factor <= TARGET_POSTGRES_FACTOR ? 'met' : 'NOT met'}`,
    )
  }
}

async function benchWeb(): Promise<void> {
  const staticDir = h5BuildDir(ROOT)
  if (!staticDir) {
    console.log('\nH5 app: dist/h5 is not built (npm run build:h5); the web figures are skipped.')
    return
  }
  const target = sqliteTarget()
  const { served, stop } = await startProcess<Served>('--serve', {
    ...target.env,
    STATIC_DIR: staticDir,
    BENCH_CROWD: '0',
  })
  try {
    const token = served.memberToken.replace(/^Bearer /, '')
    const user = (await (
      await fetch(`${served.url}/api/me`, { headers: { authorization: served.memberToken } })
    ).json()) as unknown
    reportWeb(await runWebBench(served.url, { token, user }))
  } finally {
    await stop()
    await target.cleanup()
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).find((arg) => arg === '--api' || arg === '--web')
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs; the baseline and the server each run in their own process, the load generator in this one`,
  )
  if (only !== '--web') await benchApi()
  if (only !== '--api') await benchWeb()
}

const entry = process.argv[2] === '--serve' ? serve : process.argv[2] === '--hello' ? helloWorld : main
entry().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
