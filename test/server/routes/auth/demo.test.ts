import type { DemoUser, LoginResult } from '../../../../server/src/schemas'
import { bearer, databases, startApp, type TestApp } from '../../harness'

describe.each(databases)('demo login on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database)
  })
  afterAll(() => t.close())

  it('lists every demo user, park admins first, then secretaries, then CEOs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' })
    expect(response.statusCode).toBe(200)
    const users = response.json<DemoUser[]>()
    expect(users.length).toBeGreaterThanOrEqual(200)
    expect(users[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      roles: ['member', 'park_admin'],
      isCeo: false,
      branchName: null,
    })
    const rank = (user: DemoUser) =>
      user.roles.includes('park_admin') ? 0 : user.roles.includes('secretary') ? 1 : user.isCeo ? 2 : 3
    const ranks = users.map(rank)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(ranks.slice(0, 18)).toEqual([0, 0, ...Array(16).fill(1)])
    expect(users.filter((user) => user.isCeo)).toHaveLength(16)
  })

  it('logs a demo user in and the token opens /api/me', async () => {
    const users = (await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' })).json<DemoUser[]>()
    const secretary = users.find((user) => user.roles.includes('secretary') && !user.isCeo) as DemoUser
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: secretary.id },
    })
    expect(response.statusCode).toBe(200)
    const { token, user } = response.json<LoginResult>()
    expect(token.split('.')).toHaveLength(3)
    expect(user).toMatchObject({ id: secretary.id, name: secretary.name, roles: ['member', 'secretary'] })
    expect(user.branch?.name).toBe(secretary.branchName)
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })
    expect(me.json()).toEqual(user)
  })

  it('answers 404 for an unknown user and 400 for a bad body', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: 999999 },
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('NOT_FOUND')

    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: 1, admin: true },
    })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('admin'),
    })

    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: {} })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toContain('userId')

    for (const userId of [0, -1, 1.5, 'abc', null]) {
      const bad = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { userId } })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    }
  })
})

describe.each(databases)('demo login switched off on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database, { env: { DEMO_LOGIN: '0' } })
  })
  afterAll(() => t.close())

  it('hides the demo endpoints', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' })
    expect(list.statusCode).toBe(404)
    expect(list.json().error.code).toBe('NOT_FOUND')
    const loginAttempt = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: 1 },
    })
    expect(loginAttempt.statusCode).toBe(404)
    expect(loginAttempt.json().error.code).toBe('NOT_FOUND')
  })
})
