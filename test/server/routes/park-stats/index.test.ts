import type { BranchStats, Company, ParkStats } from '../../../../server/src/schemas'
import { monthBounds, parkMonth } from '../../../../server/src/domain/park-time'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const DAY = 24 * 3600 * 1000
// The demo park is seeded as of today; the tests read it as of today and then move the clock on.
const thisMonth = parkMonth(new Date())
const nextMonthAt = new Date(Date.parse(monthBounds(thisMonth).until) + 2 * DAY)
const nextMonth = parkMonth(nextMonthAt)
const futureMonth = parkMonth(Date.parse(monthBounds(nextMonth).until) + 40 * DAY)

describe.each(databases)('园区数据 on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let admin: { authorization: string }
  // The clock the app reads; moved forward by the tests.
  let clock = new Date()

  beforeAll(async () => {
    t = await startApp(database, { now: () => clock })
    people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const stats = async (query = '') => {
    const response = await t.app.inject({ method: 'GET', url: `/api/park-stats${query}`, headers: admin })
    expect(response.statusCode).toBe(200)
    return response.json<ParkStats>()
  }
  const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url, headers: admin, payload })

  it('counts coverage of the demo park as a hand count does', async () => {
    const figures = await stats()
    // 16 companies with their own branch, 3 without an organisation (one with an instructor), 1 closed.
    expect(figures.companies).toMatchObject({
      operating: 19,
      ownOrg: 16,
      jointOrg: 0,
      instructorOnly: 1,
      none: 2,
      closed: 1,
    })
    expect(figures.coverage).toMatchObject({
      organisation: 0.8421, // 16 / 19
      work: 0.8947, // 17 / 19
      targets: { organisation: 0.9, work: 0.95 },
      met: { organisation: false, work: false },
      // 90% of 19 is 17.1 → 18 organised (16 now); 95% is 18.05 → 19 covered (17 now).
      shortBy: { organisation: 2, work: 2 },
    })
    expect(figures.companies.lacking.map((company) => [company.name, company.lacksWork])).toEqual([
      ['拾光影像科技(厦门)有限公司', true],
      ['鹭链供应链科技(厦门)有限公司', true],
      ['嘉禾智造物联网(厦门)有限公司', false],
    ])
    // The trend: twelve months, the last one this month, coverage growing as branches were founded.
    expect(figures.trend.map((point) => point.month)).toHaveLength(12)
    expect(figures.trend[11]!.month).toBe(thisMonth)
    expect(figures.trend[11]!.coverage).toEqual(
      expect.objectContaining({ organisation: 0.8421, work: 0.8947 }),
    )
    expect(figures.trend[0]!.coverage.organisation!).toBeLessThan(0.8421)
    expect(figures.trend.filter((point) => point.eventsHeld > 0).length).toBeGreaterThanOrEqual(10)
  })

  it('counts members, stages, events and points as the tables hold them, and never a person', async () => {
    const figures = await stats()
    const members = await t.app.db
      .selectFrom('users')
      .select(({ fn }) => fn.countAll<number | string>().as('n'))
      .where('active', '=', 1)
      .where('branch_id', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(figures.members.total).toBe(Number(members.n))
    expect(figures.members.byPoliticalStatus.reduce((sum, row) => sum + row.count, 0)).toBe(Number(members.n))
    expect(figures.members.byBranch.reduce((sum, row) => sum + row.members, 0)).toBe(Number(members.n))
    const stages = await t.app.db.selectFrom('application_state').select('stage').execute()
    expect(figures.applications.byStage.reduce((sum, row) => sum + row.count, 0)).toBe(stages.length)
    // The busiest month of the past year, counted again from the tables.
    const busiest = [...figures.trend].sort((a, b) => b.eventSignups - a.eventSignups)[0]!
    const { from, until } = monthBounds(busiest.month)
    const signups = await t.app.db
      .selectFrom('event_signups as s')
      .innerJoin('events as e', 'e.id', 's.event_id')
      .select(['s.checked_in_at'])
      .where('s.status', '=', 'confirmed')
      .where('e.cancelled_at', 'is', null)
      .where('e.starts_at', '>=', from)
      .where('e.starts_at', '<', until)
      .where('e.starts_at', '<', new Date().toISOString())
      .execute()
    expect(busiest.eventSignups).toBe(signups.length)
    expect(busiest.eventAttended).toBe(signups.filter((row) => row.checked_in_at !== null).length)
    expect(busiest.eventAttendanceRate).toBeCloseTo(busiest.eventAttended / busiest.eventSignups, 3)
    expect(busiest.pointsTotal).toBeGreaterThan(0)
    expect(JSON.stringify(figures)).not.toContain(people.plainMembers[0]!.name)
  })

  it('moves when a company opens, gets an instructor or a branch, and closes — and keeps the months before', async () => {
    const opened = await send('POST', '/api/companies', { name: '新开张网络科技', industry: '软件' })
    expect(opened.statusCode).toBe(201)
    const id = opened.json<Company>().id
    let figures = await stats()
    expect(figures.companies).toMatchObject({ operating: 20, none: 3 })
    expect(figures.coverage).toMatchObject({ organisation: 0.8, work: 0.85 }) // 16 / 20, 17 / 20
    expect(figures.companies.lacking.map((company) => company.id)).toContain(id)

    await send('PATCH', `/api/companies/${id}`, { instructorId: people.parkAdmins[1]!.id })
    figures = await stats()
    expect(figures.companies).toMatchObject({ instructorOnly: 2, none: 2 })
    expect(figures.coverage).toMatchObject({ organisation: 0.8, work: 0.9 }) // 16 / 20, 18 / 20

    // Next month: it gets its own branch; this month stays as it ended.
    clock = nextMonthAt
    const branch = await send('POST', '/api/branches', {
      name: '新开张党支部',
      kind: 'own',
      companyIds: [id],
    })
    expect(branch.statusCode).toBe(201)
    figures = await stats()
    expect(figures.month).toBe(nextMonth)
    expect(figures.coverage).toMatchObject({ organisation: 0.85, work: 0.9 }) // 17 / 20, 18 / 20
    expect(figures.companies.lacking.map((company) => company.id)).not.toContain(id)
    expect(figures.trend[10]).toMatchObject({ month: thisMonth, coverage: { organisation: 0.8, work: 0.9 } })

    clock = new Date(clock.getTime() + DAY)
    await send('PATCH', `/api/companies/${id}`, { status: 'closed' })
    figures = await stats()
    expect(figures.companies).toMatchObject({ operating: 19, closed: 2 })
    expect(figures.coverage).toMatchObject({ organisation: 0.8421, work: 0.8947 })
    // The month asked for answers as that month ended.
    const november = await stats(`?month=${thisMonth}`)
    expect(november.coverage).toMatchObject({ organisation: 0.8, work: 0.9, operating: 20 })
  })

  it('is for the park admin; a branch secretary sees the branch figures on 支部统计', async () => {
    const member = tokenFor(t.app, people.plainMembers[0]!.id)
    const secretary = people.secretaries.find((user) => user.branch_id !== null)!
    const asSecretary = tokenFor(t.app, secretary.id)
    expect((await t.app.inject({ method: 'GET', url: '/api/park-stats', headers: member })).statusCode).toBe(
      403,
    )
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/park-stats', headers: asSecretary })).statusCode,
    ).toBe(403)
    const future = await t.app.inject({
      method: 'GET',
      url: `/api/park-stats?month=${futureMonth}`,
      headers: admin,
    })
    expect(future.statusCode).toBe(400)

    const own = await t.app.inject({ method: 'GET', url: '/api/branch-stats', headers: asSecretary })
    expect(own.statusCode).toBe(200)
    const branch = own.json<BranchStats>()
    expect(branch.trend).toHaveLength(12)
    expect(branch.byPoliticalStatus.reduce((sum, row) => sum + row.count, 0)).toBe(branch.members)
    const park = await stats()
    const mine = park.members.byBranch.find((row) => row.branch.id === secretary.branch_id)!
    expect(mine.members).toBe(branch.members)
  })
})
