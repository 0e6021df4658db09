import type { LightMyRequestResponse } from 'fastify'
import { buildApp, type App } from '../../../../server/src/app'
import type { AttendeeList, EventDetail, SignupResult } from '../../../../server/src/schemas'
import {
  addMembers,
  databases,
  seededPeople,
  startApp,
  tokenFor,
  type TestApp,
  type TestDatabase,
} from '../../harness'

const HOUR = 3600 * 1000
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString()

type Headers = Record<string, string>

async function createEvent(app: App, admin: Headers, capacity: number): Promise<EventDetail> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/events',
    headers: admin,
    payload: {
      title: '红色路演:压力测试专场',
      category: 'roadshow',
      venue: '创新驿站路演厅',
      startsAt: inHours(48),
      endsAt: inHours(50),
      capacity,
    },
  })
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
  return response.json<EventDetail>()
}

const signUp = (app: App, eventId: number, headers: Headers) =>
  app.inject({ method: 'POST', url: `/api/events/${eventId}/signup`, headers })

/** The stored truth: the counter column and the signup rows behind it. */
async function ledger(app: App, eventId: number) {
  const event = await app.db
    .selectFrom('events')
    .select(['confirmed_count', 'capacity'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
  const rows = await app.db
    .selectFrom('event_signups')
    .select(['user_id', 'status'])
    .where('event_id', '=', eventId)
    .execute()
  const count = (status: string) => rows.filter((row) => row.status === status).length
  return {
    confirmedCount: event.confirmed_count,
    capacity: event.capacity,
    confirmed: count('confirmed'),
    waitlisted: count('waitlisted'),
  }
}

async function attendees(app: App, admin: Headers, eventId: number) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/events/${eventId}/attendees`,
    headers: admin,
  })
  return response.json<AttendeeList>().items
}

function expectPositions(responses: LightMyRequestResponse[], capacity: number) {
  const bodies = responses.map((response) => response.json<SignupResult>())
  expect(responses.every((response) => response.statusCode === 201)).toBe(true)
  expect(bodies.filter((body) => body.status === 'confirmed')).toHaveLength(capacity)
  const positions = bodies
    .filter((body) => body.status === 'waitlisted')
    .map((body) => body.position)
    .sort((a, b) => a! - b!)
  expect(positions).toEqual(Array.from({ length: responses.length - capacity }, (_, i) => i + 1))
}

describe.each(databases)('signup stampede on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let crowd: number[]

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    // 200 distinct members, none of whom signed up for anything yet.
    crowd = await addMembers(t.app, 200)
  })
  afterAll(() => t.close())

  it('200 concurrent signups against 50 places: exactly 50 confirmed, waitlist 1..150', async () => {
    const event = await createEvent(t.app, admin, 50)
    const responses = await Promise.all(crowd.map((id) => signUp(t.app, event.id, tokenFor(t.app, id))))
    expectPositions(responses, 50)
    expect(await ledger(t.app, event.id)).toEqual({
      confirmedCount: 50,
      capacity: 50,
      confirmed: 50,
      waitlisted: 150,
    })
    const list = await attendees(t.app, admin, event.id)
    expect(list.filter((item) => item.status === 'waitlisted').map((item) => item.position)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    )

    // Each member's own view agrees with the answer they got.
    const byMember = new Map(crowd.map((id, i) => [id, responses[i]!.json<SignupResult>()]))
    const head = crowd.find((id) => byMember.get(id)?.position === 1)!
    const second = crowd.find((id) => byMember.get(id)?.position === 2)!
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/events/${event.id}`,
      headers: tokenFor(t.app, second),
    })
    expect(view.json<EventDetail>()).toMatchObject({
      status: 'full',
      confirmedCount: 50,
      waitlistCount: 150,
      mySignup: { status: 'waitlisted', position: 2 },
    })

    // A cancel promotes exactly the head of the waitlist; everyone behind moves up one place.
    const leaver = crowd.find((id) => byMember.get(id)?.status === 'confirmed')!
    const cancelled = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${event.id}/signup`,
      headers: tokenFor(t.app, leaver),
    })
    expect(cancelled.statusCode).toBe(200)
    expect(await ledger(t.app, event.id)).toMatchObject({
      confirmedCount: 50,
      confirmed: 50,
      waitlisted: 149,
    })
    const after = await attendees(t.app, admin, event.id)
    expect(after.find((item) => item.member.id === head)?.status).toBe('confirmed')
    expect(after.find((item) => item.member.id === leaver)).toBeUndefined()
    expect(after.find((item) => item.member.id === second)).toMatchObject({
      status: 'waitlisted',
      position: 1,
    })

    // Raising the capacity promotes the next ones in arrival order.
    const waiting = after.filter((item) => item.status === 'waitlisted').map((item) => item.member.id)
    const raised = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: admin,
      payload: { capacity: 55 },
    })
    expect(raised.statusCode).toBe(200)
    expect(await ledger(t.app, event.id)).toMatchObject({
      confirmedCount: 55,
      confirmed: 55,
      waitlisted: 144,
    })
    const promoted = (await attendees(t.app, admin, event.id))
      .filter((item) => item.status === 'confirmed')
      .map((item) => item.member.id)
    expect(promoted.slice(-5).sort()).toEqual(waiting.slice(0, 5).sort())
    const stillWaiting = (await attendees(t.app, admin, event.id)).filter(
      (item) => item.status === 'waitlisted',
    )
    expect(stillWaiting.map((item) => item.member.id)).toEqual(waiting.slice(5))
  })

  it('the same member twice at once gets one signup: one 201, one 409', async () => {
    const event = await createEvent(t.app, admin, 5)
    const headers = tokenFor(t.app, crowd[0]!)
    const responses = await Promise.all([signUp(t.app, event.id, headers), signUp(t.app, event.id, headers)])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
    expect(responses.find((response) => response.statusCode === 409)?.json().error.code).toBe(
      'ALREADY_SIGNED_UP',
    )
    expect(await ledger(t.app, event.id)).toMatchObject({ confirmedCount: 1, confirmed: 1, waitlisted: 0 })
  })

  it('the same Idempotency-Key at once gives one signup and the same answer twice', async () => {
    const event = await createEvent(t.app, admin, 5)
    const headers = { ...tokenFor(t.app, crowd[1]!), 'idempotency-key': 'retry-on-bad-network-1' }
    const responses = await Promise.all([
      signUp(t.app, event.id, headers),
      signUp(t.app, event.id, headers),
      signUp(t.app, event.id, headers),
    ])
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201])
    expect(responses.map((response) => response.json())).toEqual([
      { status: 'confirmed' },
      { status: 'confirmed' },
      { status: 'confirmed' },
    ])
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(2)
    expect(await ledger(t.app, event.id)).toMatchObject({ confirmedCount: 1, confirmed: 1 })
  })

  it('cancels and signups racing each other keep the counter equal to the rows and within capacity', async () => {
    const event = await createEvent(t.app, admin, 20)
    const first = crowd.slice(0, 30)
    await Promise.all(first.map((id) => signUp(t.app, event.id, tokenFor(t.app, id))))
    const leavers = first.slice(0, 15)
    const newcomers = crowd.slice(30, 60)
    const responses = await Promise.all([
      ...leavers.map((id) =>
        t.app.inject({
          method: 'DELETE',
          url: `/api/events/${event.id}/signup`,
          headers: tokenFor(t.app, id),
        }),
      ),
      ...newcomers.map((id) => signUp(t.app, event.id, tokenFor(t.app, id))),
    ])
    expect(responses.every((response) => response.statusCode < 300)).toBe(true)
    const state = await ledger(t.app, event.id)
    expect(state.confirmedCount).toBe(20)
    expect(state.confirmed).toBe(20)
    expect(state.waitlisted).toBe(30 + 30 - 15 - 20)
    const list = await attendees(t.app, admin, event.id)
    expect(list.filter((item) => item.status === 'waitlisted').map((item) => item.position)).toEqual(
      Array.from({ length: state.waitlisted }, (_, i) => i + 1),
    )
  })
})

const postgres: TestDatabase | undefined = databases.find((database) => database.name === 'postgres')

// Two servers behind a load balancer share one PostgreSQL database; SQLite runs a single server.
if (postgres) {
  describe('two server instances on one PostgreSQL database', () => {
    let t: TestApp
    let second: App

    beforeAll(async () => {
      t = await startApp(postgres)
      second = await buildApp(t.config)
    })
    afterAll(async () => {
      await second.close()
      await t.close()
    })

    it('never oversells when signups are spread over both', async () => {
      const people = await seededPeople(t.app)
      const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
      const event = await createEvent(t.app, admin, 40)
      const crowd = await addMembers(t.app, 160)
      const responses = await Promise.all(
        crowd.map((id, i) => {
          const app = i % 2 === 0 ? t.app : second
          return signUp(app, event.id, tokenFor(app, id))
        }),
      )
      expectPositions(responses, 40)
      expect(await ledger(t.app, event.id)).toEqual({
        confirmedCount: 40,
        capacity: 40,
        confirmed: 40,
        waitlisted: 120,
      })

      // Cancels on one instance and a capacity raise on the other, at once.
      const confirmed = crowd.filter((_, i) => responses[i]!.json<SignupResult>().status === 'confirmed')
      await Promise.all([
        ...confirmed.slice(0, 10).map((id) =>
          second.inject({
            method: 'DELETE',
            url: `/api/events/${event.id}/signup`,
            headers: tokenFor(second, id),
          }),
        ),
        t.app.inject({
          method: 'PATCH',
          url: `/api/events/${event.id}`,
          headers: admin,
          payload: { capacity: 45 },
        }),
      ])
      expect(await ledger(t.app, event.id)).toEqual({
        confirmedCount: 45,
        capacity: 45,
        confirmed: 45,
        waitlisted: 120 - 15,
      })
    })
  })
}
