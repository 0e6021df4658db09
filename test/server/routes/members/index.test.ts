import type { Member, MemberPage } from '../../../../server/src/schemas'
import { bearer, databases, login, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

describe.each(databases)('/api/members on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let branchA: number
  let branchB: number
  let admin: { authorization: string }
  let secretaryA: { authorization: string }

  beforeAll(async () => {
    t = await startApp(database)
    people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
  })
  afterAll(() => t.close())

  const get = (url: string, auth: { authorization: string }) =>
    t.app.inject({ method: 'GET', url, headers: auth })
  const companyOf = async (branchId: number) =>
    (
      await t.app.db
        .selectFrom('companies')
        .select('id')
        .where('branch_id', '=', branchId)
        .executeTakeFirstOrThrow()
    ).id

  it('lists a secretary their own branch with full phones, and a park admin everyone', async () => {
    const own = await get('/api/members?limit=50', secretaryA)
    expect(own.statusCode).toBe(200)
    const page = own.json<MemberPage>()
    expect(page.items.length).toBeGreaterThan(5)
    expect(page.items.every((member) => member.branch?.id === branchA)).toBe(true)
    expect(page.items.every((member) => /^1[3-9][0-9]{9}$/.test(member.phone ?? ''))).toBe(true)

    const all = await get(`/api/members?branchId=${branchB}`, admin)
    expect(all.json<MemberPage>().items.every((member) => member.branch?.id === branchB)).toBe(true)
    expect(all.json<MemberPage>().items[0]!.phone).toMatch(/^1[3-9][0-9]{9}$/)
  })

  it('filters by name or phone and by political status, and pages by cursor', async () => {
    const someone = people.memberOf(branchA)
    const byName = await get(`/api/members?q=${encodeURIComponent(someone.name)}`, admin)
    expect(byName.json<MemberPage>().items.map((member) => member.id)).toContain(someone.id)
    const phone = (await get(`/api/members/${someone.id}`, admin)).json<Member>().phone as string
    const byPhone = await get(`/api/members?q=${phone}`, admin)
    expect(byPhone.json<MemberPage>().items.map((member) => member.id)).toEqual([someone.id])
    const masses = await get('/api/members?politicalStatus=masses&limit=50', admin)
    expect(masses.json<MemberPage>().items.every((member) => member.politicalStatus === 'masses')).toBe(true)

    const first = (await get('/api/members?limit=5', admin)).json<MemberPage>()
    expect(first.nextCursor).not.toBeNull()
    const second = (await get(`/api/members?limit=5&cursor=${first.nextCursor}`, admin)).json<MemberPage>()
    expect(second.items[0]!.id).toBeGreaterThan(first.items[4]!.id)
    const bad = await get('/api/members?cursor=nonsense', admin)
    expect(bad.statusCode).toBe(400)
  })

  it('refuses plain members', async () => {
    const member = tokenFor(t.app, people.memberOf(branchA).id)
    const refused = await get('/api/members', member)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('FORBIDDEN')
  })

  it('shows a phone in full only to park admins, the member’s own secretary and the member', async () => {
    const { toMember } = await import('../../../../server/src/domain/organisation/mapper')
    const { viewerOf } = await import('../../../../server/src/domain/access')
    const row = {
      id: 500,
      name: '某人',
      phone: '13812345678',
      company_id: 1,
      company_name: '某公司',
      branch_id: 1,
      branch_name: '一支部',
      political_status: 'masses' as const,
      roles: 'member',
      is_ceo: 0,
      birth_date: null,
      wechat_openid: null,
      active: 1,
    }
    const viewer = (
      id: number,
      roles: Array<'member' | 'secretary' | 'park_admin'>,
      branchId: number | null,
    ) =>
      viewerOf({
        id,
        name: 'x',
        roles,
        isCeo: false,
        politicalStatus: 'masses',
        branch: branchId === null ? null : { id: branchId, name: 'b' },
        company: null,
        phone: null,
        active: true,
        sessionsValidAfter: null,
      })
    expect(toMember(row, viewer(1, ['member', 'park_admin'], null)).phone).toBe('13812345678')
    expect(toMember(row, viewer(2, ['member', 'secretary'], 1)).phone).toBe('13812345678')
    expect(toMember(row, viewer(3, ['member', 'secretary'], 2)).phone).toBe('138****5678')
    expect(toMember(row, viewer(4, ['member'], 1)).phone).toBe('138****5678')
    expect(toMember(row, viewer(500, ['member'], 1)).phone).toBe('13812345678')
  })

  it('adds a member, refuses a taken phone, a malformed phone and a future birth date', async () => {
    const companyId = await companyOf(branchA)
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: secretaryA,
      payload: {
        name: '  新成员甲 ',
        phone: '13912340001',
        companyId,
        politicalStatus: 'activist',
        isCeo: false,
      },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json<Member>()).toMatchObject({
      name: '新成员甲',
      phone: '13912340001',
      branch: { id: branchA },
      roles: ['member'],
      bound: false,
      active: true,
      birthDate: null,
    })
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: admin,
      payload: { name: '另一人', phone: '13912340001', companyId, politicalStatus: 'masses' },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('PHONE_TAKEN')
    const badPhone = await t.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: admin,
      payload: { name: '另一人', phone: '12345', companyId, politicalStatus: 'masses' },
    })
    expect(badPhone.statusCode).toBe(400)
    expect(badPhone.json().error.code).toBe('VALIDATION_FAILED')
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: admin,
      payload: {
        name: '另一人',
        phone: '13912340002',
        companyId,
        politicalStatus: 'masses',
        birthDate: '2999-01-01',
      },
    })
    expect(future.statusCode).toBe(400)
  })

  it('lets a secretary edit their people but not roles or branch', async () => {
    const member = people.memberOf(branchA)
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${member.id}`,
      headers: secretaryA,
      payload: { isCeo: false, birthDate: '1990-05-01' },
    })
    expect(edited.statusCode).toBe(200)
    expect(edited.json<Member>().birthDate).toBe('1990-05-01')
    for (const payload of [{ roles: ['member', 'helper'] }, { branchId: branchB }]) {
      const refused = await t.app.inject({
        method: 'PATCH',
        url: `/api/members/${member.id}`,
        headers: secretaryA,
        payload,
      })
      expect(refused.statusCode).toBe(403)
    }
  })

  it('makes a member the one secretary of their branch through roles', async () => {
    const member = people.plainMembers.filter((person) => person.branch_id === branchB)[1]!
    const before = people.secretaryOf(branchB)
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${member.id}`,
      headers: admin,
      payload: { roles: ['member', 'secretary'] },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json<Member>().roles).toEqual(['member', 'secretary'])
    const previous = (await get(`/api/members/${before.id}`, admin)).json<Member>()
    expect(previous.roles).not.toContain('secretary')
    const branches = await get('/api/branches', admin)
    const branch = branches.json<{ items: Array<{ id: number; secretary: { id: number } | null }> }>().items
    expect(branch.find((item) => item.id === branchB)?.secretary?.id).toBe(member.id)
  })

  it('ends the sessions of a member who leaves at once, and lists them under active=0', async () => {
    const member = people.plainMembers.filter((person) => person.branch_id === branchA)[2]!
    const token = await login(t.app, member.id)
    expect((await get('/api/me', bearer(token))).statusCode).toBe(200)
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${member.id}`,
      headers: admin,
      payload: { active: false },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json<Member>().active).toBe(false)
    const refused = await get('/api/me', bearer(token))
    expect(refused.statusCode).toBe(401)
    expect(refused.json().error.code).toBe('UNAUTHENTICATED')
    const demo = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: member.id },
    })
    expect(demo.statusCode).toBe(404)
    const gone = await get(`/api/members?active=0&branchId=${branchA}`, admin)
    expect(gone.json<MemberPage>().items.map((item) => item.id)).toContain(member.id)
    const listed = await get(`/api/members?branchId=${branchA}&limit=50`, admin)
    expect(listed.json<MemberPage>().items.map((item) => item.id)).not.toContain(member.id)

    // Coming back does not revive the tokens issued before leaving.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${member.id}`,
      headers: admin,
      payload: { active: true },
    })
    expect((await get('/api/me', bearer(token))).statusCode).toBe(401)
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${people.parkAdmins[0]!.id}`,
      headers: admin,
      payload: { active: false },
    })
    expect(self.statusCode).toBe(422)
  })

  it('exports the roster as CSV in the import columns', async () => {
    const response = await get(`/api/members?format=csv&branchId=${branchA}`, secretaryA)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期')
    expect(lines.length).toBeGreaterThan(5)
    expect(lines[1]).toMatch(/^[^,]+,1[3-9][0-9]{9},[^,]+,[^,]+党支部,[^,]+,[是否],/)
  })

  it('creates an invite of 8 characters valid for 7 days', async () => {
    const member = people.plainMembers.filter((person) => person.branch_id === branchA)[3]!
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/members/${member.id}/invite`,
      headers: secretaryA,
    })
    expect(response.statusCode).toBe(201)
    const { code, expiresAt } = response.json<{ code: string; expiresAt: string }>()
    expect(code).toMatch(/^[A-Z2-9]{8}$/)
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7.01)
  })
})
