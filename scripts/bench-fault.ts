/**
 * `npm run bench` (after the load figures): the fault run. Two instances of the server, each in its
 * own process, on one fresh schema of the PostgreSQL database at DATABASE_URL (or the local `test`
 * database). Members sign up for an event through both while the app's own backends are terminated
 * three times (`pg_terminate_backend` on its application_name only). Printed: that both instances
 * survived, the 5xx answers and when they came (only around an outage), and that every signup
 * acknowledged with 201 is in the database afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test'
const MEMBERS = 1500
const CONCURRENCY = 16
const OUTAGES = 3
const OUTAGE_EVERY_MS = 1500
/** A 5xx counts as "during an outage" when it comes within this long after a termination. */
const OUTAGE_WINDOW_MS = 1000

const serverEntry = path.join(__dirname, '..', 'server', 'src', 'server.ts')

interface Instance {
  child: ChildProcess
  url: string
  exited: Promise<number | null>
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let output = ''
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve({ child, url: match[1], exited })
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    void exited.then((code) => reject(new Error(`instance exited (${code}) before listening:\n${output}`)))
  })
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_URL
  const schema = `bench_fault_${randomBytes(5).toString('hex')}`
  const applicationName = `red-e-park-bench-${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-bench-fault-'))
  const admin = new Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const appUrl = new URL(url)
  appUrl.searchParams.set('application_name', applicationName)
  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_LOGIN: '1',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_DIR: dataDir,
    STATIC_DIR: path.join(os.tmpdir(), 'red-e-park-bench-no-h5'),
    DATABASE_URL: appUrl.toString(),
    DATABASE_SCHEMA: schema,
    LOGIN_LIMIT_PER_ADDRESS: '1000000',
  }
  const instances: Instance[] = []
  try {
    // Started together on the empty schema: the setup lock lets both come up.
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])))
    const [first] = instances as [Instance, Instance]

    // A park admin creates a big event; a crowd of members (added straight to the table) signs up.
    const demoUsers = (await (await fetch(`${first.url}/api/auth/demo-users`)).json()) as Array<{
      id: number
      roles: string[]
    }>
    const parkAdmin = demoUsers.find((user) => user.roles.includes('park_admin'))!
    const login = async (userId: number): Promise<string> => {
      const response = await fetch(`${first.url}/api/auth/demo-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId }),
      })
      if (response.status !== 200) throw new Error(`demo login of ${userId}: ${await response.text()}`)
      return ((await response.json()) as { token: string }).token
    }
    const adminToken = await login(parkAdmin.id)
    const startsAt = Date.now() + 7 * 24 * 3600 * 1000
    const event = (await (
      await fetch(`${first.url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({
          title: '故障演练活动',
          category: 'other',
          venue: '创新驿站',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 2 * 3600 * 1000).toISOString(),
          capacity: 100000,
        }),
      })
    ).json()) as { id: number }
    const values = Array.from(
      { length: MEMBERS },
      (_, n) => `('故障演练成员${n + 1}', null, 'masses', 0, 'member', now()::text)`,
    )
    const { rows: crowd } = await admin.query<{ id: number }>(
      `insert into ${schema}.users (name, wechat_openid, political_status, is_ceo, roles, created_at)
       values ${values.join(',')} returning id`,
    )
    const tokens = await Promise.all(crowd.map((row) => login(row.id)))

    // The load: each member signs up once, through either instance, CONCURRENCY at a time.
    const started = performance.now()
    const statuses: Record<number, number> = {}
    const fiveXx: number[] = []
    const acknowledged: number[] = []
    const failures: string[] = []
    let next = 0
    const worker = async () => {
      for (let i = next++; i < tokens.length; i = next++) {
        const instance = instances[i % 2]!
        try {
          const response = await fetch(`${instance.url}/api/events/${event.id}/signup`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[i]}` },
          })
          const body = (await response.json()) as { error?: { code: string } }
          statuses[response.status] = (statuses[response.status] ?? 0) + 1
          if (response.status === 201) acknowledged.push(crowd[i]!.id)
          if (response.status >= 500) {
            fiveXx.push(performance.now() - started)
            if (body.error?.code !== 'DATABASE_UNAVAILABLE')
              failures.push(`5xx without our envelope: ${JSON.stringify(body)}`)
          }
        } catch (error) {
          failures.push(`request failed: ${String(error)}`)
        }
      }
    }
    const outages: number[] = []
    let terminated = 0
    const faults = (async () => {
      for (let round = 0; round < OUTAGES; round++) {
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_EVERY_MS / (round === 0 ? 3 : 1)))
        outages.push(performance.now() - started)
        const { rowCount } = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
          [applicationName],
        )
        terminated += rowCount ?? 0
      }
    })()
    await Promise.all([...Array.from({ length: CONCURRENCY }, worker), faults])
    const seconds = (performance.now() - started) / 1000

    const alive = instances.map((instance) => instance.child.exitCode === null)
    const health = await Promise.all(
      instances.map(async (instance) => (await fetch(`${instance.url}/api/health`)).status),
    )
    const { rows: stored } = await admin.query<{ user_id: number }>(
      `select user_id from ${schema}.event_signups where event_id = $1 and status <> 'cancelled'`,
      [event.id],
    )
    const storedIds = new Set(stored.map((row) => row.user_id))
    const lost = acknowledged.filter((id) => !storedIds.has(id))
    const outsideOutage = fiveXx.filter(
      (at) => !outages.some((outage) => at >= outage && at <= outage + OUTAGE_WINDOW_MS),
    )

    const list = Object.entries(statuses)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ')
    console.log(
      `\nFault run — PostgreSQL, two instances, ${MEMBERS} signups, ${CONCURRENCY} in flight, ${OUTAGES} outages`,
    )
    console.log(
      `  backends terminated: ${terminated} over ${OUTAGES} rounds (application_name ${applicationName} only)`,
    )
    console.log(`  instances alive afterwards: ${alive.filter(Boolean).length}/2, health ${health.join(' ')}`)
    console.log(
      `  answers in ${seconds.toFixed(1)} s: ${list}${failures.length ? `, ${failures.length} failures` : ''}`,
    )
    console.log(
      `  5xx: ${fiveXx.length} (all DATABASE_UNAVAILABLE: ${failures.length === 0 ? 'yes' : 'no'}), outside an outage window of ${OUTAGE_WINDOW_MS} ms: ${outsideOutage.length}`,
    )
    console.log(
      `  acknowledged signups: ${acknowledged.length}, stored: ${storedIds.size}, acknowledged but missing: ${lost.length}`,
    )
    for (const failure of failures.slice(0, 5)) console.log(`  ! ${failure}`)
    const met =
      acknowledged.length > 0 &&
      alive.every(Boolean) &&
      health.every((status) => status === 200) &&
      lost.length === 0 &&
      outsideOutage.length === 0 &&
      failures.length === 0
    console.log(
      `target: both instances survive, 5xx only during outages, no acknowledged write lost: ${met ? 'met' : 'NOT met'}`,
    )
    if (!met) process.exitCode = 1
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM')
    await Promise.all(instances.map((instance) => instance.exited))
    await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
