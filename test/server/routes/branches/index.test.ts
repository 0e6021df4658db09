import { databases, startApp, tokenFor, type TestApp } from '../../harness'

describe.each(databases)('GET /api/branches on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database)
  })
  afterAll(() => t.close())

  it('lists the sixteen company branches for any signed-in member', async () => {
    const member = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('roles', '=', 'member')
      .executeTakeFirstOrThrow()
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/branches',
      headers: tokenFor(t.app, member.id),
    })
    expect(response.statusCode).toBe(200)
    const { items, nextCursor } = response.json() as {
      items: { id: number; name: string }[]
      nextCursor: null
    }
    expect(items).toHaveLength(16)
    expect(new Set(items.map((branch) => branch.name)).size).toBe(16)
    expect(items.every((branch) => branch.name.endsWith('党支部'))).toBe(true)
    expect(nextCursor).toBeNull()
  })

  it('asks for a login first', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/branches' })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('UNAUTHENTICATED')
  })
})
