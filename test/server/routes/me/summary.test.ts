import type {
  AnnouncementPage,
  CourseDetail,
  CourseWithSessionsPage,
  EventDetail,
  HealthPackage,
  MeSummary,
} from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const HOUR = 3600 * 1000

type Headers = Record<string, string>

describe.each(databases)('我的 on $name: /api/me/summary and /api/me/courses', (database) => {
  let t: TestApp
  let clock = 0
  const iso = (ms: number) => new Date(ms).toISOString()
  let branchA: number
  let parkAdmin: Headers
  let secretaryA: Headers

  beforeAll(async () => {
    clock = Date.now()
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    branchA = (await t.app.db.selectFrom('branches').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
  })
  afterAll(() => t.close())

  const send = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const summary = async (headers: Headers) => {
    const response = await send('GET', '/api/me/summary', headers)
    expect(response.statusCode).toBe(200)
    return response.json<MeSummary>()
  }
  const event = async (capacity: number) => {
    const response = await send('POST', '/api/events', parkAdmin, {
      title: '青创沙龙:我的页测试',
      category: 'salon',
      venue: '路演厅',
      startsAt: iso(clock + 48 * HOUR),
      endsAt: iso(clock + 50 * HOUR),
      capacity,
    })
    return response.json<EventDetail>()
  }

  it('adds up what 我的 shows, from the server’s own records', async () => {
    const [memberId, otherId] = await addMembers(t.app, 2, { branchId: branchA })
    const member = tokenFor(t.app, memberId!)
    const before = await summary(member)
    expect(before).toMatchObject({
      points: { total: 0, today: 0 },
      signups: { confirmed: 0, waitlisted: 0 },
      courses: { enrolled: 0 },
      tools: { scope: null, healthPackages: false },
    })
    // The seeded batch, with the reason this member may not claim it.
    expect(before.healthPackage).toMatchObject({ status: 'open', eligible: false, myClaim: null })

    const open = await event(5)
    const full = await event(1)
    await send('POST', `/api/events/${full.id}/signup`, tokenFor(t.app, otherId!))
    expect((await send('POST', `/api/events/${open.id}/signup`, member)).statusCode).toBe(201)
    expect((await send('POST', `/api/events/${full.id}/signup`, member)).json()).toMatchObject({
      status: 'waitlisted',
    })
    const notice = (await send('GET', '/api/announcements', member)).json<AnnouncementPage>().items[0]!
    const read = (await send('GET', `/api/announcements/${notice.id}`, member)).json<{
      pointsAwarded: number
    }>()
    const { items } = (await send('GET', '/api/courses', member)).json<{ items: CourseDetail[] }>()
    const course = items.find((item) => item.status === 'open')!
    expect((await send('POST', `/api/courses/${course.id}/enroll`, member)).statusCode).toBe(201)

    const after = await summary(member)
    expect(after.points).toEqual({ total: read.pointsAwarded, today: read.pointsAwarded })
    expect(read.pointsAwarded).toBe(1)
    expect(after.signups).toEqual({ confirmed: 1, waitlisted: 1 })
    expect(after.courses).toEqual({ enrolled: 1 })

    const mine = (await send('GET', '/api/me/courses', member)).json<CourseWithSessionsPage>()
    expect(mine.items.map((item) => item.id)).toEqual([course.id])
    expect(mine.items[0]!.enrolled).toBe(true)
    expect(mine.items[0]!.sessions.length).toBe(course.sessionCount)
  })

  it('says which organiser tools the viewer holds', async () => {
    expect((await summary(secretaryA)).tools).toEqual({ scope: 'branch', healthPackages: false })
    expect((await summary(parkAdmin)).tools).toEqual({ scope: 'park', healthPackages: true })
  })

  it('names the card as GET /api/me/card does: 数字党员名片 for party members, 园区名片 for anyone else', async () => {
    const [partyMember, probationary, masses] = await addMembers(t.app, 3, { branchId: branchA })
    await t.app.db
      .updateTable('users')
      .set({ political_status: 'probationary' })
      .where('id', '=', probationary!)
      .execute()
    await t.app.db
      .updateTable('users')
      .set({ political_status: 'masses' })
      .where('id', '=', masses!)
      .execute()
    for (const [id, title] of [
      [partyMember!, '数字党员名片'],
      [probationary!, '数字党员名片'],
      [masses!, '园区名片'],
    ] as const) {
      expect((await summary(tokenFor(t.app, id))).card).toEqual({ title })
      const card = await send('GET', '/api/me/card', tokenFor(t.app, id))
      expect(card.json<{ title: string }>().title).toBe(title)
    }
  })

  it('shows a CEO the batch they claimed and have not picked up, before any other', async () => {
    const [ceoId] = await addMembers(t.app, 1, { branchId: branchA, isCeo: true })
    const ceo = tokenFor(t.app, ceoId!)
    const batch = async (startsIn: number, endsIn: number) =>
      (
        await send('POST', '/api/health-packages', parkAdmin, {
          name: `测试批次${startsIn}`,
          description: '',
          stock: 3,
          claimStart: iso(clock + startsIn * HOUR),
          claimEnd: iso(clock + endsIn * HOUR),
        })
      ).json<HealthPackage>()
    const claimed = await batch(-1, 100)
    expect((await send('POST', `/api/health-packages/${claimed.id}/claim`, ceo)).statusCode).toBe(201)
    const later = await batch(-1, 200)
    expect(later.status).toBe('open')
    const shown = (await summary(ceo)).healthPackage
    expect(shown).toMatchObject({ id: claimed.id, myClaim: { status: 'claimed' }, eligible: true })
  })
})
