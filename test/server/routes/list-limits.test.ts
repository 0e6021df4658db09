import { bearer, databases, login, seededPeople, startApp, type TestApp } from '../harness'

interface Page {
  items?: unknown[]
  history?: { items: unknown[]; nextCursor: string | null }
  nextCursor?: string | null
}

/** The page of a list answer, whether it is the answer itself or, for points, its history. */
const pageOf = (body: Page) =>
  body.history ?? { items: body.items ?? [], nextCursor: body.nextCursor ?? null }

/*
 * Page sizes are written into the SQL (one statement per size), so one size must never leak into
 * another request's answer: each asks for its own and gets exactly that, then the rest by cursor.
 */
describe.each(databases)('page sizes of the lists ($name)', (database) => {
  let t: TestApp
  let admin: Record<string, string>
  let member: Record<string, string>

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    admin = bearer(await login(t.app, people.parkAdmins[0]!.id))
    member = bearer(await login(t.app, people.plainMembers[0]!.id))
  })
  afterAll(async () => t.close())

  it.each([
    ['/api/events', 'admin'],
    ['/api/events?when=past', 'admin'],
    ['/api/announcements', 'admin'],
    ['/api/me/points', 'member'],
    ['/api/members', 'admin'],
  ] as const)('%s answers as many items as asked, in turn, and the rest by cursor', async (url, who) => {
    const headers = who === 'admin' ? admin : member
    const get = async (limit: number, cursor?: string | null) => {
      const separator = url.includes('?') ? '&' : '?'
      const query = `${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const response = await t.app.inject({ method: 'GET', url: `${url}${query}`, headers })
      expect(response.statusCode).toBe(200)
      return pageOf(response.json<Page>())
    }
    const all = await get(50)
    expect(all.items.length).toBeGreaterThan(2)
    for (const limit of [1, 2, 1, 3, 2]) {
      const page = await get(limit)
      expect(page.items).toEqual(all.items.slice(0, limit))
      expect(page.nextCursor).not.toBeNull()
    }
    const first = await get(2)
    const second = await get(2, first.nextCursor)
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4))
  })
})
