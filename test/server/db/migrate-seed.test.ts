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
    ).toBe(16)

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
})
