import { buildApp, type App } from '../../../../server/src/app'
import { deriveCodeKeys, shortCodeFor, slotOf } from '../../../../server/src/domain/checkins/code'
import type { CheckinCode, CheckinFeed, CheckinResult, CourseDetail } from '../../../../server/src/schemas'
import {
  addMembers,
  databases,
  seededPeople,
  startApp,
  tokenFor,
  type TestApp,
  type TestDatabase,
} from '../../harness'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

type Headers = Record<string, string>

async function createSession(app: App, admin: Headers, startsAt: number): Promise<number> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/courses',
    headers: admin,
    payload: {
      title: '党务工作者培训班(签到压力测试)',
      description: '',
      capacity: 1000,
      sessions: [
        {
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
          venue: '创新驿站路演厅',
          lecturer: '黄老师',
        },
      ],
    },
  })
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
  return response.json<CourseDetail>().sessions[0]!.id
}

async function codeOf(app: App, admin: Headers, sessionId: number): Promise<CheckinCode> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/sessions/${sessionId}/checkin-code`,
    headers: admin,
  })
  return response.json<CheckinCode>()
}

const checkIn = (app: App, headers: Headers, body: object) =>
  app.inject({ method: 'POST', url: '/api/checkins', headers, payload: body })

async function recorded(app: App, sessionId: number) {
  const rows = await app.db
    .selectFrom('checkins')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .execute()
  return rows.map((row) => row.user_id)
}

describe.each(databases)('sign-in burst on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let crowd: number[]
  const clock = Date.now()

  beforeAll(async () => {
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    crowd = await addMembers(t.app, 500)
  })
  afterAll(() => t.close())

  it('500 distinct members with the same code at once: all 201, exactly 500 recorded', async () => {
    const sessionId = await createSession(t.app, admin, clock + 10 * MINUTE)
    const { code } = await codeOf(t.app, admin, sessionId)
    const responses = await Promise.all(crowd.map((id) => checkIn(t.app, tokenFor(t.app, id), { code })))
    const statuses = responses.map((response) => response.statusCode)
    expect(statuses.filter((status) => status !== 201)).toEqual([])
    expect(responses.every((response) => response.json<CheckinResult>().status === 'present')).toBe(true)
    const rows = await recorded(t.app, sessionId)
    expect(rows).toHaveLength(500)
    expect(new Set(rows).size).toBe(500)
    const feed = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${sessionId}/checkins`,
      headers: admin,
    })
    expect(feed.json<CheckinFeed>().count).toBe(500)
  })

  it('the same member several times at once is recorded once: one 201, the rest 409', async () => {
    const sessionId = await createSession(t.app, admin, clock + 10 * MINUTE)
    const { code, shortCode } = await codeOf(t.app, admin, sessionId)
    const headers = tokenFor(t.app, crowd[0]!)
    const responses = await Promise.all([
      checkIn(t.app, headers, { code }),
      checkIn(t.app, headers, { code }),
      checkIn(t.app, headers, { sessionId, shortCode }),
      checkIn(t.app, headers, { code, scannedAt: new Date(clock).toISOString() }),
    ])
    const statuses = responses.map((response) => response.statusCode).sort()
    expect(statuses).toEqual([201, 409, 409, 409])
    expect(await recorded(t.app, sessionId)).toEqual([crowd[0]])
    const points = await t.app.db
      .selectFrom('points_ledger')
      .select('id')
      .where('user_id', '=', crowd[0]!)
      .where('object_type', '=', 'session')
      .where('object_id', '=', sessionId)
      .execute()
    expect(points).toHaveLength(1)
  })
})

const postgres: TestDatabase | undefined = databases.find((database) => database.name === 'postgres')

// Two servers behind a load balancer share one PostgreSQL database; SQLite runs a single server.
if (postgres) {
  describe('sign-in on two server instances sharing one PostgreSQL database', () => {
    let t: TestApp
    let second: App
    const clock = Date.now()

    beforeAll(async () => {
      t = await startApp(postgres, { now: () => new Date(clock) })
      second = await buildApp(t.config, { now: () => new Date(clock) })
    })
    afterAll(async () => {
      await second.close()
      await t.close()
    })

    it('accepts the code either instance shows, records each member once, and shares the guess limit', async () => {
      const people = await seededPeople(t.app)
      const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
      const sessionId = await createSession(t.app, admin, clock + 10 * MINUTE)
      const { code } = await codeOf(second, admin, sessionId)
      expect((await codeOf(t.app, admin, sessionId)).code).toBe(code)
      const crowd = await addMembers(t.app, 100)
      const responses = await Promise.all(
        [...crowd, ...crowd].map((id, i) => {
          const app = i % 2 === 0 ? t.app : second
          return checkIn(app, tokenFor(app, id), { code })
        }),
      )
      const statuses = responses.map((response) => response.statusCode)
      expect(statuses.filter((status) => status === 201)).toHaveLength(100)
      expect(statuses.filter((status) => status === 409)).toHaveLength(100)
      expect(new Set(await recorded(t.app, sessionId)).size).toBe(100)

      // Wrong guesses spread over both instances still meet one limit.
      const guesser = tokenFor(t.app, crowd[0]!)
      const keys = deriveCodeKeys(t.config.jwtSecret)
      const recent = new Set(
        Array.from({ length: 12 }, (_, back) => shortCodeFor(keys, sessionId, slotOf(clock) - back)),
      )
      const wrong = ['000000', '000001'].find((guess) => !recent.has(guess))!
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          checkIn(i % 2 === 0 ? t.app : second, guesser, { sessionId, shortCode: wrong }),
        ),
      )
      const codes = guesses.map((response) => response.json().error.code)
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(7)
    })

    it('holds one session’s limit of 30 wrong short codes a minute across both instances', async () => {
      const people = await seededPeople(t.app)
      const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
      const sessionId = await createSession(t.app, admin, clock + 10 * MINUTE)
      const keys = deriveCodeKeys(t.config.jwtSecret)
      const recent = new Set(
        Array.from({ length: 12 }, (_, back) => shortCodeFor(keys, sessionId, slotOf(clock) - back)),
      )
      const wrong = Array.from({ length: 200 }, (_, n) => String(n * 4999 + 7).padStart(6, '0')).filter(
        (guess) => !recent.has(guess),
      )
      const guessers = await addMembers(t.app, 60)
      const responses = await Promise.all(
        guessers.map((id, i) => {
          const app = i % 2 === 0 ? t.app : second
          return checkIn(app, tokenFor(app, id), { sessionId, shortCode: wrong[i]! })
        }),
      )
      const codes = responses.map((response) => response.json().error.code)
      expect(codes.filter((code) => code === 'CODE_INVALID').length).toBeLessThanOrEqual(30)
      expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30)

      const { code, shortCode } = await codeOf(second, admin, sessionId)
      const [late] = await addMembers(t.app, 2)
      for (const app of [t.app, second]) {
        const right = await checkIn(app, tokenFor(app, late!), { sessionId, shortCode })
        expect(right.statusCode).toBe(429)
      }
      expect((await checkIn(second, tokenFor(second, late!), { code })).statusCode).toBe(201)
    })
  })
}
