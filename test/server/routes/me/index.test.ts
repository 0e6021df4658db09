import type { Me } from '../../../../server/src/schemas'
import { bearer, databases, login, seededPeople, signedToken, startApp, type TestApp } from '../../harness'

describe.each(databases)('GET /api/me on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database)
  })
  afterAll(() => t.close())

  const me = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers })

  it('returns the signed-in member in the documented shape', async () => {
    const people = await seededPeople(t.app)
    const member = people.plainMembers[0]!
    const response = await me(bearer(await login(t.app, member.id)))
    expect(response.statusCode).toBe(200)
    const body = response.json<Me>()
    expect(Object.keys(body).sort()).toEqual(
      [
        'branch',
        'company',
        'id',
        'isCeo',
        'name',
        'points',
        'politicalStatus',
        'roles',
        'onRoster',
        'phone',
        'joinRequest',
      ].sort(),
    )
    expect(body).toEqual({
      id: member.id,
      name: member.name,
      roles: ['member'],
      isCeo: false,
      branch: { id: member.branch_id, name: expect.stringMatching(/党支部$/) },
      company: { id: expect.any(Number), name: expect.stringMatching(/公司$/) },
      politicalStatus: expect.stringMatching(
        /^(party_member|probationary|candidate|activist|applicant|masses)$/,
      ),
      points: { total: expect.any(Number) },
      onRoster: true,
      phone: expect.stringMatching(/^1[3-9][0-9]{9}$/),
      joinRequest: null,
    })
    // The balance is the sum of the member's ledger (the demo park has a history of points).
    const ledger = await t.app.db
      .selectFrom('points_ledger')
      .select('delta')
      .where('user_id', '=', member.id)
      .execute()
    expect(body.points.total).toBe(ledger.reduce((sum, row) => sum + row.delta, 0))
  })

  it('shows a park admin without a branch and a CEO flag where set', async () => {
    const people = await seededPeople(t.app)
    const admin = (await me(bearer(await login(t.app, people.parkAdmins[0]!.id)))).json<Me>()
    expect(admin).toMatchObject({ roles: ['member', 'park_admin'], branch: null, company: null })
    const ceo = people.users.find((user) => user.is_ceo === 1)!
    expect((await me(bearer(await login(t.app, ceo.id)))).json<Me>().isCeo).toBe(true)
  })

  it('applies a role change at once, without a new login', async () => {
    const people = await seededPeople(t.app)
    const member = people.plainMembers[1]!
    const token = await login(t.app, member.id)
    await t.app.db
      .updateTable('users')
      .set({ roles: 'member,secretary' })
      .where('id', '=', member.id)
      .execute()
    try {
      expect((await me(bearer(token))).json<Me>().roles).toEqual(['member', 'secretary'])
    } finally {
      await t.app.db.updateTable('users').set({ roles: 'member' }).where('id', '=', member.id).execute()
    }
  })

  it('answers 401 UNAUTHENTICATED for missing, garbage, expired, tampered or orphaned tokens', async () => {
    const people = await seededPeople(t.app)
    const member = people.plainMembers[0]!
    const valid = signedToken(t.app, member.id)
    const [header, , signature] = valid.split('.')
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: String(people.parkAdmins[0]!.id), iat: 0, exp: 4_000_000_000 }),
    ).toString('base64url')

    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer garbage' },
      { authorization: 'Bearer a.b.c' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      bearer(signedToken(t.app, member.id, { ttlSeconds: 60, issuedAt: Date.now() - 3600_000 })),
      bearer(`${header}.${forgedPayload}.${signature}`),
      bearer(signedToken(t.app, member.id, { secret: 'some-other-secret' })),
      bearer(signedToken(t.app, 999_999)),
    ]
    for (const headers of attempts) {
      const response = await me(headers)
      expect(response.statusCode).toBe(401)
      expect(response.json().error).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) })
    }
    expect((await me(bearer(valid))).statusCode).toBe(200)
  })
})
