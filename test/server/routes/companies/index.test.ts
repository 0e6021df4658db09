import type { AuditPage, Branch, Company, CompanyPage } from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

describe.each(databases)('companies, branches and the audit log on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let admin: { authorization: string }

  beforeAll(async () => {
    t = await startApp(database)
    people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, auth = admin) =>
    t.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) })

  it('lists the demo companies, sixteen with their own branches', async () => {
    const page = (await send('GET', '/api/companies?limit=50')).json<CompanyPage>()
    expect(page.items).toHaveLength(20)
    const covered = page.items.filter((company) => company.partyOrg === 'own' && company.branch !== null)
    expect(covered).toHaveLength(16)
    expect(page.items.filter((company) => company.status === 'closed')).toHaveLength(1)
    const branchId = page.items[0]!.branch!.id
    const secretary = tokenFor(t.app, people.secretaryOf(branchId).id)
    const own = (await send('GET', '/api/companies', undefined, secretary)).json<CompanyPage>()
    expect(own.items.map((company) => company.id)).toEqual([page.items[0]!.id])
    const member = tokenFor(t.app, people.plainMembers[0]!.id)
    expect((await send('GET', '/api/companies', undefined, member)).statusCode).toBe(403)
  })

  it('enters two companies, a joint branch over both with a secretary, and records every change', async () => {
    const one = await send('POST', '/api/companies', {
      name: '小微甲科技',
      industry: '软件',
      status: 'operating',
    })
    expect(one.statusCode).toBe(201)
    expect(one.json<Company>()).toMatchObject({
      partyOrg: 'none',
      branch: null,
      instructor: null,
      status: 'operating',
    })
    const instructor = people.parkAdmins[1]!.id
    const two = await send('POST', '/api/companies', {
      name: '小微乙网络',
      industry: '电商',
      instructorId: instructor,
    })
    expect(two.json<Company>().instructor).toEqual({ id: instructor, name: expect.any(String) })
    const duplicate = await send('POST', '/api/companies', { name: '小微甲科技', industry: '软件' })
    expect(duplicate.statusCode).toBe(409)
    expect(duplicate.json().error.code).toBe('COMPANY_NAME_TAKEN')

    const ids = [one.json<Company>().id, two.json<Company>().id]
    const ownOfTwo = await send('POST', '/api/branches', { name: '错误支部', kind: 'own', companyIds: ids })
    expect(ownOfTwo.statusCode).toBe(422)
    const branch = await send('POST', '/api/branches', {
      name: '小微企业联合党支部',
      kind: 'joint',
      companyIds: ids,
    })
    expect(branch.statusCode).toBe(201)
    const created = branch.json<Branch>()
    expect(created).toMatchObject({ kind: 'joint', secretary: null, memberCount: 0 })
    expect(created.companies.map((company) => company.id)).toEqual(ids)
    const company = (await send('GET', '/api/companies?q=小微甲')).json<CompanyPage>().items[0]!
    expect(company).toMatchObject({ partyOrg: 'joint', branch: { id: created.id } })

    const member = await send('POST', '/api/members', {
      name: '联合书记',
      phone: '13500180001',
      companyId: ids[0],
      politicalStatus: 'party_member',
    })
    expect(member.json().branch.id).toBe(created.id)
    const withSecretary = await send('PATCH', `/api/branches/${created.id}`, {
      secretaryId: member.json().id,
    })
    expect(withSecretary.json<Branch>()).toMatchObject({
      secretary: { id: member.json().id },
      memberCount: 1,
    })
    const outsider = await send('PATCH', `/api/branches/${created.id}`, {
      secretaryId: people.plainMembers[0]!.id,
    })
    expect(outsider.statusCode).toBe(422)

    const closed = await send('PATCH', `/api/companies/${ids[1]}`, { status: 'closed' })
    expect(closed.json<Company>().status).toBe('closed')

    const audit = (await send('GET', '/api/audit-log?limit=10')).json<AuditPage>()
    expect(audit.items[0]).toMatchObject({
      action: 'company.update',
      entity: 'company',
      entityId: ids[1],
      before: { status: 'operating' },
      after: { status: 'closed' },
      actor: { id: people.parkAdmins[0]!.id },
    })
    const actions = audit.items.map((item) => item.action)
    expect(actions).toEqual(
      expect.arrayContaining(['branch.update', 'member.create', 'branch.create', 'company.create']),
    )
    const memberEntry = audit.items.find((item) => item.action === 'member.create')!
    expect(memberEntry.after).toMatchObject({ phone: '135****0001' })
    const companyOnly = (
      await send('GET', `/api/audit-log?entity=company&entityId=${ids[0]}`)
    ).json<AuditPage>()
    expect(companyOnly.items.map((item) => item.action)).toEqual(['company.create'])
    const secretary = tokenFor(t.app, member.json().id)
    expect((await send('GET', '/api/audit-log', undefined, secretary)).statusCode).toBe(403)
  })

  it('answers bad input with a 4xx and a code', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/companies', { name: '', industry: 'x' }],
      ['POST', '/api/companies', { name: 'x', industry: 'x', status: 'bankrupt' }],
      ['PATCH', '/api/companies/1', {}],
      ['PATCH', '/api/companies/999999', { industry: 'x' }],
      ['POST', '/api/branches', { name: 'x', kind: 'own', companyIds: [] }],
      ['POST', '/api/branches', { name: 'x', kind: 'own', companyIds: [999999] }],
      ['PATCH', '/api/branches/999999', { name: 'x' }],
      ['GET', '/api/audit-log?entity=planet', undefined],
    ] as const) {
      const response = await send(method, url, payload)
      expect([400, 404, 422]).toContain(response.statusCode)
      expect(response.json().error.code).toMatch(/^[A-Z_]+$/)
    }
  })
})
