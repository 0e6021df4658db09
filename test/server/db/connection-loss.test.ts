import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Client } from 'pg'
import { buildApp } from '../../../server/src/app'
import { loadConfig } from '../../../server/src/config'
import { SQLITE_FILE } from '../../../server/src/db/connect'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../harness'

/*
 * The database going away is not the app's end: while it is gone every request that needs it is
 * answered 503 DATABASE_UNAVAILABLE in the usual envelope, and once it is back the app serves again
 * on its own — no restart. Only this test's own backends are ever terminated (by application_name).
 */

const envelope = (body: string) => JSON.parse(body) as { error?: { code?: string; message?: string } }

describe('an unreachable PostgreSQL server', () => {
  it('is answered 503 DATABASE_UNAVAILABLE, never 500', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-test-'))
    // Port 1 on the loopback: nothing listens there, so every connection is refused at once.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-that-is-long-enough',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
      STATIC_DIR: path.join(os.tmpdir(), 'red-e-park-no-h5-build'),
    })
    const app = await buildApp(config)
    try {
      for (const request of [
        {
          method: 'GET' as const,
          url: '/api/events',
          headers: { authorization: `Bearer ${app.issueToken(1)}` },
        },
        { method: 'POST' as const, url: '/api/auth/demo-login', payload: { userId: 1 } },
      ]) {
        const response = await app.inject(request)
        expect(response.statusCode).toBe(503)
        expect(envelope(response.body).error).toEqual({
          code: 'DATABASE_UNAVAILABLE',
          message: expect.stringContaining('数据库'),
        })
        expect(response.headers['retry-after']).toBeDefined()
      }
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('a SQLite file locked by another process', () => {
  it('answers writes 503 DATABASE_UNAVAILABLE while the lock is held, and serves again after', async () => {
    const sqlite = databases.find((database) => database.name === 'sqlite')!
    const t = await startApp(sqlite)
    const other = new SqliteDatabase(path.join(t.config.dataDir, SQLITE_FILE))
    try {
      const people = await seededPeople(t.app)
      const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
      const publish = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/announcements',
          headers: admin,
          payload: { title: '锁库测试', body: '正文', scope: 'park' },
        })
      other.exec('begin immediate')
      const locked = await publish()
      expect(locked.statusCode).toBe(503)
      expect(envelope(locked.body).error?.code).toBe('DATABASE_UNAVAILABLE')
      other.exec('rollback')
      expect((await publish()).statusCode).toBe(201)
    } finally {
      other.close()
      await t.close()
    }
  }, 30_000)
})

const postgres = databases.find((database) => database.name === 'postgres')
const postgresUrl = process.env.TEST_DATABASE_URL

if (postgres && postgresUrl) {
  describe('terminated PostgreSQL backends', () => {
    const applicationName = `red-e-park-test-${randomBytes(6).toString('hex')}`
    let t: TestApp
    let admin: Client
    let headers: { authorization: string }

    /** Ends every backend of this test's app, and only those; returns how many were ended. */
    const terminateOurBackends = async (): Promise<number> => {
      const { rows } = await admin.query<{ ended: boolean }>(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
          where application_name = $1 and pid <> pg_backend_pid()`,
        [applicationName],
      )
      return rows.filter((row) => row.ended).length
    }

    const list = () => t.app.inject({ method: 'GET', url: '/api/events', headers })

    /** The app serves again by itself: a bounded number of tries, a short pause between them. */
    const recovered = async (): Promise<boolean> => {
      for (let attempt = 0; attempt < 50; attempt++) {
        if ((await list()).statusCode === 200) return true
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      return false
    }

    beforeAll(async () => {
      const url = new URL(postgresUrl)
      url.searchParams.set('application_name', applicationName)
      t = await startApp(postgres, { env: { DATABASE_URL: url.toString() } })
      admin = new Client({ connectionString: postgresUrl })
      await admin.connect()
      const people = await seededPeople(t.app)
      headers = tokenFor(t.app, people.plainMembers[0]!.id)
    })
    afterAll(async () => {
      await admin.end()
      await t.close()
    })

    it('names its connections so that only they can be told apart', async () => {
      expect((await list()).statusCode).toBe(200)
      const { rows } = await admin.query<{ count: string }>(
        'select count(*) as count from pg_stat_activity where application_name = $1',
        [applicationName],
      )
      expect(Number(rows[0]!.count)).toBeGreaterThan(0)
    })

    it('survives its idle connections being terminated and serves the next request', async () => {
      // Fill the pool with idle connections, then end them all.
      await Promise.all(Array.from({ length: 10 }, list))
      expect(await terminateOurBackends()).toBeGreaterThan(0)
      // Give the pool time to notice the closed sockets while nothing is in flight.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await recovered()).toBe(true)
    })

    it('answers 503 in the envelope during terminations under load, never 500, and recovers', async () => {
      const statuses = new Map<number, number>()
      const codes = new Set<string>()
      let stop = false
      const worker = async () => {
        while (!stop) {
          const response = await list()
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
          if (response.statusCode !== 200) codes.add(envelope(response.body).error?.code ?? 'NO ENVELOPE')
        }
      }
      const workers = Array.from({ length: 12 }, worker)
      let ended = 0
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 150))
        ended += await terminateOurBackends()
      }
      await new Promise((resolve) => setTimeout(resolve, 150))
      stop = true
      await Promise.all(workers)

      expect(ended).toBeGreaterThan(0)
      expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([])
      expect([...codes]).toEqual(codes.size ? ['DATABASE_UNAVAILABLE'] : [])
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
      expect(await recovered()).toBe(true)
    })

    it('rolls back a write cut off in the middle and loses nothing it acknowledged', async () => {
      const people = await seededPeople(t.app)
      const crowd = people.plainMembers.slice(0, 40)
      const event = await t.app.db
        .selectFrom('events')
        .select('id')
        .where('cancelled_at', 'is', null)
        .where('branch_id', 'is', null)
        .where('signup_deadline', '>', new Date(Date.now() + 3600_000).toISOString())
        .orderBy('id')
        .executeTakeFirst()
      if (!event) throw new Error('the seed has no upcoming event')
      const signups = crowd.map((member) =>
        t.app.inject({
          method: 'POST',
          url: `/api/events/${event.id}/signup`,
          headers: tokenFor(t.app, member.id),
        }),
      )
      await terminateOurBackends()
      const answers = await Promise.all(signups)
      const acknowledged = crowd.filter((_, index) => answers[index]!.statusCode === 201).map((m) => m.id)
      for (const answer of answers) expect([201, 409, 422, 503]).toContain(answer.statusCode)
      expect(await recovered()).toBe(true)
      const stored = await t.app.db
        .selectFrom('event_signups')
        .select('user_id')
        .where('event_id', '=', event.id)
        .execute()
      expect(stored.map((row) => row.user_id)).toEqual(expect.arrayContaining(acknowledged))
    })
  })
}
