import { migrateToLatest } from '../../../server/src/db/migrate'
import { seedIfEmpty } from '../../../server/src/db/seed'
import { databases, startApp, type TestApp } from '../harness'

describe.each(databases)('migrations and demo seed on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database, { seed: false })
  })
  afterAll(() => t.close())

  it('runs the migrations a second time as a no-op', async () => {
    expect(await migrateToLatest(t.app.db)).toEqual([])
  })

  it('seeds the demo park into an empty database, quickly, and only once', async () => {
    const started = Date.now()
    expect(await seedIfEmpty(t.app.db)).toBe(true)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(await seedIfEmpty(t.app.db)).toBe(false)

    const db = t.app.db
    const count = async (query: Promise<{ count: number | string | bigint }>) => Number((await query).count)
    expect(
      await count(db.selectFrom('committees').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()),
    ).toBe(1)
    expect(
      await count(db.selectFrom('branches').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()),
    ).toBe(16)
    expect(
      await count(db.selectFrom('companies').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()),
    ).toBe(20) // 16 with their own branch, 3 still without one, 1 closed

    const users = await db
      .selectFrom('users')
      .select(['roles', 'is_ceo', 'branch_id', 'political_status', 'name'])
      .execute()
    expect(users.length).toBeGreaterThanOrEqual(200)
    const withRole = (role: string) => users.filter((user) => user.roles.split(',').includes(role))
    expect(withRole('secretary')).toHaveLength(16)
    expect(new Set(withRole('secretary').map((user) => user.branch_id)).size).toBe(16)
    expect(withRole('park_admin')).toHaveLength(2)
    const ceos = users.filter((user) => user.is_ceo === 1)
    expect(ceos).toHaveLength(16)
    expect(ceos.filter((user) => user.political_status === 'party_member').length).toBeGreaterThanOrEqual(3)
    const statuses = new Set(users.map((user) => user.political_status))
    expect([...statuses].sort()).toEqual([
      'activist',
      'applicant',
      'candidate',
      'masses',
      'party_member',
      'probationary',
    ])
    expect(new Set(users.map((user) => user.name)).size).toBe(users.length)

    const notices = await db.selectFrom('announcements').select(['scope', 'pinned', 'branch_id']).execute()
    const park = notices.filter((notice) => notice.scope === 'park')
    expect(park.length).toBeGreaterThanOrEqual(10)
    expect(park.some((notice) => notice.pinned === 1)).toBe(true)
    expect(new Set(notices.filter((n) => n.scope === 'branch').map((n) => n.branch_id)).size).toBe(16)
  })

  it('seeds events of every category, one full with a waitlist, past ones with attendance', async () => {
    const db = t.app.db
    const now = new Date().toISOString()
    const events = await db.selectFrom('events').selectAll().execute()
    expect(events.length).toBeGreaterThanOrEqual(16)
    expect(new Set(events.map((event) => event.category)).size).toBe(6)
    expect(events.some((event) => event.branch_id === null)).toBe(true)
    expect(events.some((event) => event.branch_id !== null)).toBe(true)
    const upcoming = events.filter((event) => event.starts_at > now)
    const past = events.filter((event) => event.ends_at < now)
    expect(upcoming.length).toBeGreaterThanOrEqual(10)
    expect(past.length).toBeGreaterThanOrEqual(3)
    expect(
      upcoming.filter((event) => event.capacity - event.confirmed_count <= 2).length,
    ).toBeGreaterThanOrEqual(3)

    const signups = await db.selectFrom('event_signups').selectAll().execute()
    for (const event of events) {
      const own = signups.filter((signup) => signup.event_id === event.id)
      expect(own.filter((signup) => signup.status === 'confirmed')).toHaveLength(event.confirmed_count)
      expect(event.confirmed_count).toBeLessThanOrEqual(event.capacity)
      const waitlist = own
        .filter((signup) => signup.status === 'waitlisted')
        .map((signup) => signup.waitlist_seq)
      expect(waitlist.sort()).toEqual(Array.from({ length: waitlist.length }, (_, i) => i + 1))
      expect(event.waitlist_seq).toBe(waitlist.length)
    }
    const full = events.filter((event) =>
      signups.some((s) => s.event_id === event.id && s.status === 'waitlisted'),
    )
    expect(full).toHaveLength(1)
    expect(full[0]).toMatchObject({ capacity: 30, confirmed_count: 30 })
    const attended = signups.filter((signup) => signup.checked_in_at !== null)
    expect(attended.length).toBeGreaterThan(0)
    expect(attended.every((signup) => past.some((event) => event.id === signup.event_id))).toBe(true)

    const [batch, ...others] = await db.selectFrom('health_packages').selectAll().execute()
    expect(others).toHaveLength(0)
    const ceos = await db.selectFrom('users').select('id').where('is_ceo', '=', 1).execute()
    expect(batch!.stock).toBeLessThan(ceos.length)
    expect(batch!.claim_start < now && now < batch!.claim_end).toBe(true)
    const claims = await db.selectFrom('health_claims').selectAll().execute()
    expect(batch!.remaining).toBe(batch!.stock - claims.length)
    expect(claims.filter((claim) => claim.status === 'redeemed')).toHaveLength(1)
  })

  it('adds events and packages to a demo park seeded before they existed, once', async () => {
    const db = t.app.db
    await db.deleteFrom('event_signups').execute()
    await db.deleteFrom('events').execute()
    await db.deleteFrom('health_claims').execute()
    await db.deleteFrom('health_packages').execute()
    expect(await seedIfEmpty(db)).toBe(true)
    const count = async (table: 'events' | 'health_packages') =>
      Number(
        (await db.selectFrom(table).select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()).count,
      )
    expect(await count('events')).toBeGreaterThanOrEqual(16)
    expect(await count('health_packages')).toBe(1)
    expect(await seedIfEmpty(db)).toBe(false)
  })
})

describe.each(databases)('demo seed beside real data on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database, { seed: false })
  })
  afterAll(() => t.close())

  it('never adds demo events to a park that is not the demo park', async () => {
    await t.app.db
      .insertInto('users')
      .values({
        name: '微信用户',
        wechat_openid: 'real-user',
        branch_id: null,
        company_id: null,
        political_status: 'masses',
        is_ceo: 0,
        roles: 'member',
        created_at: new Date().toISOString(),
      })
      .execute()
    expect(await seedIfEmpty(t.app.db)).toBe(false)
    const events = await t.app.db.selectFrom('events').select('id').execute()
    expect(events).toHaveLength(0)
  })
})
