import type { Event, EventDetail, EventPage } from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const HOUR = 3600 * 1000
/** The app's clock: deadlines and "upcoming" are judged by it. */
let clock = Date.now()
const inHours = (hours: number) => new Date(clock + hours * HOUR).toISOString()

type Headers = Record<string, string>

/**
 * The events list is answered again without being rebuilt while nothing it shows has changed
 * (domain/events/repository): every change, made through the API, by another instance or straight
 * in the database, and the passing of time, must show at the next request.
 */
describe.each(databases)('the events list stays current on $name', (database) => {
  let t: TestApp
  let branchA: number
  let branchB: number
  let memberAId: number
  let memberA: Headers
  let memberA2: Headers
  let memberB: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    const membersOfA = people.plainMembers.filter((user) => user.branch_id === branchA)
    memberAId = membersOfA[0]!.id
    memberA = tokenFor(t.app, memberAId)
    memberA2 = tokenFor(t.app, membersOfA[1]!.id)
    memberB = tokenFor(t.app, people.memberOf(branchB).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const create = async (overrides: Record<string, unknown> = {}) => {
    const response = await send('POST', '/api/events', parkAdmin, {
      title: '青创沙龙:列表测试',
      category: 'salon',
      venue: '创新驿站路演厅',
      startsAt: inHours(72),
      endsAt: inHours(74),
      capacity: 1,
      ...overrides,
    })
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    return response.json<EventDetail>()
  }
  const list = async (headers: Headers, query = 'limit=50'): Promise<Event[]> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/events?${query}`, headers })
    expect(response.statusCode).toBe(200)
    return response.json<EventPage>().items
  }
  const shown = async (headers: Headers, id: number, query?: string) =>
    (await list(headers, query)).find((event) => event.id === id)

  it('answers the same bytes while nothing changed', async () => {
    const ask = () => t.app.inject({ method: 'GET', url: '/api/events', headers: memberA })
    const first = await ask()
    const again = await ask()
    expect(again.body).toBe(first.body)
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it("shows others' signups, a waitlist leaving, an edit and a write from elsewhere at the next request", async () => {
    const event = await create()
    expect(await shown(memberA, event.id)).toMatchObject({
      confirmedCount: 0,
      waitlistCount: 0,
      status: 'open',
    })

    expect((await send('POST', `/api/events/${event.id}/signup`, memberA2)).statusCode).toBe(201)
    expect(await shown(memberA, event.id)).toMatchObject({ confirmedCount: 1, status: 'full' })

    expect((await send('POST', `/api/events/${event.id}/signup`, memberB)).json()).toMatchObject({
      status: 'waitlisted',
    })
    expect(await shown(memberA, event.id)).toMatchObject({ waitlistCount: 1 })
    // Leaving the waitlist writes no event column: the list must still see it.
    expect((await send('DELETE', `/api/events/${event.id}/signup`, memberB)).statusCode).toBe(200)
    expect(await shown(memberA, event.id)).toMatchObject({ waitlistCount: 0 })

    await send('PATCH', `/api/events/${event.id}`, parkAdmin, { title: '青创沙龙:改过的标题' })
    expect((await shown(memberA, event.id))?.title).toBe('青创沙龙:改过的标题')

    // Another instance, or a tool, writing the database.
    await t.app.db.updateTable('events').set({ venue: '党群服务中心' }).where('id', '=', event.id).execute()
    expect((await shown(memberA, event.id))?.venue).toBe('党群服务中心')
    await t.app.db.deleteFrom('event_signups').where('event_id', '=', event.id).execute()
    expect(await shown(memberA, event.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 })
  })

  it('moves my waitlist position up when someone ahead leaves', async () => {
    const event = await create()
    await send('POST', `/api/events/${event.id}/signup`, memberA2)
    await send('POST', `/api/events/${event.id}/signup`, memberB)
    await send('POST', `/api/events/${event.id}/signup`, memberA)
    expect((await shown(memberA, event.id))?.mySignup).toEqual({ status: 'waitlisted', position: 2 })
    await send('DELETE', `/api/events/${event.id}/signup`, memberB)
    expect((await shown(memberA, event.id))?.mySignup).toEqual({ status: 'waitlisted', position: 1 })
    await send('DELETE', `/api/events/${event.id}/signup`, memberA2)
    expect((await shown(memberA, event.id))?.mySignup).toEqual({ status: 'confirmed' })
  })

  it("shows a branch's new name, and follows a member who moves to another branch", async () => {
    const event = await create({ branchId: branchA })
    const { name } = await t.app.db
      .selectFrom('branches')
      .select('name')
      .where('id', '=', branchA)
      .executeTakeFirstOrThrow()
    expect((await shown(parkAdmin, event.id))?.branch).toEqual({ id: branchA, name })
    expect(await shown(memberA, event.id)).toBeDefined()
    expect(await shown(memberB, event.id)).toBeUndefined()

    await t.app.db.updateTable('branches').set({ name: '改名后的党支部' }).where('id', '=', branchA).execute()
    expect((await shown(parkAdmin, event.id))?.branch).toEqual({ id: branchA, name: '改名后的党支部' })
    await t.app.db.updateTable('branches').set({ name }).where('id', '=', branchA).execute()

    await t.app.db.updateTable('users').set({ branch_id: branchB }).where('id', '=', memberAId).execute()
    expect(await shown(memberA, event.id)).toBeUndefined()
    await t.app.db.updateTable('users').set({ branch_id: branchA }).where('id', '=', memberAId).execute()
    expect(await shown(memberA, event.id)).toBeDefined()
  })

  it('closes, ends and moves to the past as time passes, with nothing written', async () => {
    const started = clock
    try {
      const event = await create({ startsAt: inHours(3), endsAt: inHours(4), signupDeadline: inHours(1) })
      expect((await shown(memberA, event.id))?.status).toBe('open')
      clock += 2 * HOUR
      expect((await shown(memberA, event.id))?.status).toBe('closed')
      clock += 3 * HOUR
      expect(await shown(memberA, event.id)).toBeUndefined()
      expect((await shown(memberA, event.id, 'when=past&limit=50'))?.status).toBe('ended')
    } finally {
      clock = started
    }
  })
})
