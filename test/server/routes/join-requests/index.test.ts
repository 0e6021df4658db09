import type { JoinRequest, JoinRequestPage, LoginResult, Me } from '../../../../server/src/schemas'
import { bearer, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

describe.each(databases)('/api/join-requests on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let branchA: { id: number; companyId: number }
  let branchB: { id: number; companyId: number }
  let secretaryA: { authorization: string }
  let counter = 0

  beforeAll(async () => {
    t = await startApp(database)
    people = await seededPeople(t.app)
    const rows = await t.app.db
      .selectFrom('companies')
      .select(['id', 'branch_id'])
      .where('branch_id', 'is not', null)
      .orderBy('branch_id')
      .execute()
    branchA = { id: rows[0]!.branch_id!, companyId: rows[0]!.id }
    branchB = { id: rows[1]!.branch_id!, companyId: rows[1]!.id }
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA.id).id)
  })
  afterAll(() => t.close())

  /** A WeChat account not on the roster (made directly: WeChat login has its own tests). */
  const newcomer = async () => {
    counter += 1
    const row = await t.app.db
      .insertInto('users')
      .values({
        name: '微信用户',
        wechat_openid: `openid-join-${counter}`,
        branch_id: null,
        company_id: null,
        political_status: 'masses',
        is_ceo: 0,
        roles: '',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, auth: tokenFor(t.app, row.id) }
  }
  const ask = (auth: { authorization: string }, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/join-requests', headers: auth, payload })

  it('seeds a pending request for the demo', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/join-requests?status=pending',
      headers: secretaryA,
    })
    expect(list.json<JoinRequestPage>().items.length).toBeGreaterThanOrEqual(1)
  })

  it('takes a request, shows it in /api/me, refuses a second one, and approval puts the person on the roster', async () => {
    const person = await newcomer()
    const payload = {
      branchId: branchA.id,
      companyId: branchA.companyId,
      name: ' 周新人 ',
      phone: '13700170001',
      note: '新入职',
    }
    const created = await ask(person.auth, payload)
    expect(created.statusCode).toBe(201)
    const request = created.json<JoinRequest>()
    expect(request).toMatchObject({ status: 'pending', name: '周新人', phone: '13700170001' })

    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: person.auth })).json<Me>()
    expect(me).toMatchObject({
      onRoster: false,
      roles: [],
      branch: null,
      joinRequest: { id: request.id, status: 'pending' },
    })

    const again = await ask(person.auth, payload)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ALREADY_PENDING')

    // The other branch's secretary cannot decide it.
    const otherSecretary = tokenFor(t.app, people.secretaryOf(branchB.id).id)
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/join-requests/${request.id}/approve`,
      headers: otherSecretary,
    })
    expect(foreign.statusCode).toBe(404)

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/join-requests/${request.id}/approve`,
      headers: secretaryA,
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json<JoinRequest>()).toMatchObject({ status: 'approved', memberId: person.id })
    const after = (await t.app.inject({ method: 'GET', url: '/api/me', headers: person.auth })).json<Me>()
    expect(after).toMatchObject({
      onRoster: true,
      roles: ['member'],
      branch: { id: branchA.id },
      name: '周新人',
      joinRequest: null,
    })
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/join-requests/${request.id}/approve`,
      headers: secretaryA,
    })
    expect(twice.statusCode).toBe(409)
    const onRoster = await ask(person.auth, { ...payload, phone: '13700170009' })
    expect(onRoster.json().error.code).toBe('ALREADY_BOUND')
  })

  it('rejects with a reason the asker sees, and then takes a new request', async () => {
    const person = await newcomer()
    const created = await ask(person.auth, {
      branchId: branchA.id,
      companyId: branchA.companyId,
      name: '吴某',
      phone: '13700170002',
    })
    const id = created.json<JoinRequest>().id
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/join-requests/${id}/reject`,
      headers: secretaryA,
      payload: { reason: '  ' },
    })
    expect(empty.statusCode).toBe(400)
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/join-requests/${id}/reject`,
      headers: secretaryA,
      payload: { reason: '请先与支部书记联系' },
    })
    expect(rejected.json<JoinRequest>()).toMatchObject({ status: 'rejected', reason: '请先与支部书记联系' })
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: person.auth })).json<Me>()
    expect(me.joinRequest).toMatchObject({ status: 'rejected', reason: '请先与支部书记联系' })
    const retry = await ask(person.auth, {
      branchId: branchA.id,
      companyId: branchA.companyId,
      name: '吴某',
      phone: '13700170002',
    })
    expect(retry.statusCode).toBe(201)
  })

  it('refuses a company outside the branch, a phone on the roster and bad input', async () => {
    const person = await newcomer()
    const mismatch = await ask(person.auth, {
      branchId: branchA.id,
      companyId: branchB.companyId,
      name: '某',
      phone: '13700170003',
    })
    expect(mismatch.statusCode).toBe(422)
    expect(mismatch.json().error.code).toBe('COMPANY_NOT_IN_BRANCH')
    const phone = (
      await t.app.db
        .selectFrom('users')
        .select('phone')
        .where('id', '=', people.plainMembers[0]!.id)
        .executeTakeFirstOrThrow()
    ).phone
    const taken = await ask(person.auth, {
      branchId: branchA.id,
      companyId: branchA.companyId,
      name: '某',
      phone,
    })
    expect(taken.json().error.code).toBe('PHONE_TAKEN')
    const bad = await ask(person.auth, {
      branchId: branchA.id,
      companyId: branchA.companyId,
      name: '某',
      phone: 'abc',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    const missing = await ask(person.auth, {
      branchId: 999999,
      companyId: branchA.companyId,
      name: '某',
      phone: '13700170004',
    })
    expect(missing.statusCode).toBe(400)
  })

  it('lists only the secretary’s branch, with the full phone numbers they decide on', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/join-requests', headers: secretaryA })
    const items = list.json<JoinRequestPage>().items
    expect(items.every((item) => item.branch.id === branchA.id)).toBe(true)
    expect(items.every((item) => /^1[3-9][0-9]{9}$/.test(item.phone))).toBe(true)
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/join-requests?branchId=${branchB.id}`,
      headers: secretaryA,
    })
    expect(foreign.statusCode).toBe(403)
    const member = tokenFor(t.app, people.plainMembers[1]!.id)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/join-requests', headers: member })).statusCode,
    ).toBe(403)
  })

  it('retires the pending request of an account that binds another way', async () => {
    const person = await newcomer()
    await ask(person.auth, {
      branchId: branchA.id,
      companyId: branchA.companyId,
      name: '郑某',
      phone: '13700170005',
    })
    const target = people.plainMembers.filter((p) => p.branch_id === branchA.id)[4]!
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/members/${target.id}/invite`,
      headers: secretaryA,
    })
    const bound = await t.app.inject({
      method: 'POST',
      url: '/api/me/bind',
      headers: person.auth,
      payload: { inviteCode: invite.json<{ code: string }>().code },
    })
    expect(bound.statusCode).toBe(200)
    const token = bound.json<LoginResult>().token
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).json<Me>().id,
    ).toBe(target.id)
    const left = await t.app.db
      .selectFrom('join_requests')
      .select('status')
      .where('user_id', '=', person.id)
      .execute()
    expect(left.map((row) => row.status)).toEqual(['rejected'])
  })
})
