import { buildApp, type App } from '../../../server/src/app'
import type { Me } from '../../../server/src/schemas'
import { addMembers, bearer, databases, login, seededPeople, startApp, type TestApp } from '../harness'

/*
 * Every instance keeps the users signed in to it between requests. A change made on one instance
 * (or straight in the database) must apply at the very next request on another.
 */
describe.each(databases)('the signed-in user across two instances ($name)', (database) => {
  let a: TestApp
  let b: App
  let people: Awaited<ReturnType<typeof seededPeople>>
  let admin: Record<string, string>

  beforeAll(async () => {
    a = await startApp(database)
    // A second instance on the same database, as behind a load balancer.
    b = await buildApp(a.config)
    people = await seededPeople(a.app)
    admin = bearer(await login(a.app, people.parkAdmins[0]!.id))
  })
  afterAll(async () => {
    await b.close()
    await a.close()
  })

  const me = async (app: App, headers: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url: '/api/me', headers })
    return { status: response.statusCode, me: response.statusCode === 200 ? response.json<Me>() : null }
  }
  const patchMember = async (id: number, payload: Record<string, unknown>) => {
    const response = await a.app.inject({
      method: 'PATCH',
      url: `/api/members/${id}`,
      headers: admin,
      payload,
    })
    expect(response.statusCode).toBe(200)
  }
  const memberList = async (headers: Record<string, string>) =>
    (await b.inject({ method: 'GET', url: '/api/members', headers })).statusCode

  it('gives a member a new role on the other instance at the next request, and takes it away again', async () => {
    const member = people.plainMembers[0]!
    const token = bearer(await login(a.app, member.id))
    // Read twice on instance B, so it has the member in hand.
    expect((await me(b, token)).me?.roles).toEqual(['member'])
    expect(await memberList(token)).toBe(403)

    await patchMember(member.id, { roles: ['member', 'helper'] })
    expect((await me(b, token)).me?.roles).toEqual(['member', 'helper'])

    await patchMember(member.id, { roles: ['member', 'secretary'] })
    expect(await memberList(token)).toBe(200)
    await patchMember(member.id, { roles: ['member'] })
    expect(await memberList(token)).toBe(403)
    expect((await me(b, token)).me?.roles).toEqual(['member'])
  })

  it('shows a move to another branch, and a renamed branch, on the other instance at once', async () => {
    const member = people.plainMembers[1]!
    const token = bearer(await login(a.app, member.id))
    const before = (await me(b, token)).me!
    const other = people.secretaries.find((person) => person.branch_id !== member.branch_id)!.branch_id!

    await patchMember(member.id, { branchId: other })
    expect((await me(b, token)).me?.branch?.id).toBe(other)
    expect(before.branch?.id).not.toBe(other)

    const renamed = await a.app.inject({
      method: 'PATCH',
      url: `/api/branches/${other}`,
      headers: admin,
      payload: { name: '新更名的党支部' },
    })
    expect(renamed.statusCode).toBe(200)
    expect((await me(b, token)).me?.branch).toEqual({ id: other, name: '新更名的党支部' })
  })

  it('refuses a member who left the park on the other instance at the next request', async () => {
    const member = people.plainMembers[2]!
    const token = bearer(await login(a.app, member.id))
    expect((await me(b, token)).status).toBe(200)
    await patchMember(member.id, { active: false })
    expect((await me(b, token)).status).toBe(401)
  })

  it('follows a change written straight into the database, by any tool', async () => {
    const [id] = await addMembers(a.app, 1)
    const token = bearer(a.app.issueToken(id!))
    expect((await me(b, token)).me?.isCeo).toBe(false)
    await a.app.db.updateTable('users').set({ is_ceo: 1 }).where('id', '=', id!).execute()
    expect((await me(b, token)).me?.isCeo).toBe(true)
    await a.app.db.deleteFrom('users').where('id', '=', id!).execute()
    expect((await me(b, token)).status).toBe(401)
  })
})
