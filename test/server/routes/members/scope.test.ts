import type { AnnouncementPage, EventPage, JoinRequest } from '../../../../server/src/schemas'
import { bearer, databases, login, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

/*
 * Every organisation endpoint refuses another branch's objects: the secretary of branch A asks for
 * branch B's member, join request, roster, company… and gets 403 or 404, never the object; a plain
 * member gets 403 from every organiser endpoint.
 */
describe.each(databases)('organisation endpoints and other branches on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let branchA: number
  let branchB: number
  let memberB: number
  let companyB: number
  let requestB: number

  beforeAll(async () => {
    t = await startApp(database)
    people = await seededPeople(t.app)
    const companies = await t.app.db
      .selectFrom('companies')
      .select(['id', 'branch_id'])
      .where('branch_id', 'is not', null)
      .orderBy('branch_id')
      .execute()
    branchA = companies[0]!.branch_id!
    branchB = companies[1]!.branch_id!
    companyB = companies[1]!.id
    memberB = people.memberOf(branchB).id
    const asker = await t.app.db
      .insertInto('users')
      .values({
        name: '微信用户',
        wechat_openid: 'openid-scope',
        branch_id: null,
        company_id: null,
        political_status: 'masses',
        is_ceo: 0,
        roles: '',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/join-requests',
      headers: tokenFor(t.app, asker.id),
      payload: { branchId: branchB, companyId: companyB, name: '乙申请人', phone: '13300190001' },
    })
    requestB = asked.json<JoinRequest>().id
  })
  afterAll(() => t.close())

  const csv = () =>
    `姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期\r\n外人,13300190002,${'$COMPANY_B'},,群众,否,\r\n`

  type Case = [method: 'GET' | 'POST' | 'PATCH', url: () => string, payload?: () => object | string]
  const cases: Case[] = [
    ['GET', () => `/api/members?branchId=${branchB}`],
    ['GET', () => `/api/members/${memberB}`],
    ['PATCH', () => `/api/members/${memberB}`, () => ({ isCeo: true })],
    ['POST', () => `/api/members/${memberB}/invite`],
    [
      'POST',
      () => '/api/members',
      () => ({ name: '外人', phone: '13300190003', companyId: companyB, politicalStatus: 'masses' }),
    ],
    ['GET', () => `/api/join-requests?branchId=${branchB}`],
    ['POST', () => `/api/join-requests/${requestB}/approve`],
    ['POST', () => `/api/join-requests/${requestB}/reject`, () => ({ reason: '不行' })],
    ['POST', () => '/api/companies', () => ({ name: '越权公司', industry: 'x' })],
    ['PATCH', () => `/api/companies/${companyB}`, () => ({ status: 'closed' })],
    ['POST', () => '/api/branches', () => ({ name: '越权支部', kind: 'own', companyIds: [companyB] })],
    ['PATCH', () => `/api/branches/${branchB}`, () => ({ secretaryId: null })],
    ['GET', () => '/api/audit-log'],
  ]

  it.each(
    cases.map((entry) => [`${entry[0]} ${entry[1].toString().replace(/^\(\) => /, '')}`, entry] as const),
  )(
    '%s: the secretary of another branch is refused, and so is a plain member',
    async (_name, [method, url, payload]) => {
      const secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
      const member = tokenFor(t.app, people.memberOf(branchA).id)
      for (const auth of [secretaryA, member]) {
        const response = await t.app.inject({
          method,
          url: url(),
          headers: auth,
          ...(payload ? { payload: payload() } : {}),
        })
        expect([403, 404]).toContain(response.statusCode)
        expect(response.json().error.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/)
      }
    },
  )

  it('a secretary’s import naming another branch’s company writes nothing', async () => {
    const secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    const name = (
      await t.app.db
        .selectFrom('companies')
        .select('name')
        .where('id', '=', companyB)
        .executeTakeFirstOrThrow()
    ).name
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/members/import',
      headers: { ...secretaryA, 'content-type': 'text/csv' },
      payload: csv().replace('$COMPANY_B', name),
    })
    expect(response.json()).toMatchObject({ created: 0, dryRun: true, errors: [{ line: 2 }] })
  })

  it('moving a member: history stays where it happened, new rights follow the new branch', async () => {
    const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const mover = people.plainMembers.filter((person) => person.branch_id === branchA)[1]!
    const token = bearer(await login(t.app, mover.id))
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: token })
    const noticeOf = async (branchId: number) =>
      (
        await t.app.db
          .selectFrom('announcements')
          .select('id')
          .where('branch_id', '=', branchId)
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id
    const [noticeA, noticeB] = [await noticeOf(branchA), await noticeOf(branchB)]
    expect((await get(`/api/announcements/${noticeA}`)).statusCode).toBe(200)
    expect((await get(`/api/announcements/${noticeB}`)).statusCode).toBe(404)
    const pointsBefore = (await get('/api/me/points')).json<{ total: number }>().total
    const statsOf = async (branchId: number) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/branch-stats?branchId=${branchId}`, headers: admin })
      ).json<{ members: number }>().members
    const [membersA, membersB] = [await statsOf(branchA), await statsOf(branchB)]
    const reads = await t.app.db
      .selectFrom('announcement_reads')
      .select('announcement_id')
      .where('user_id', '=', mover.id)
      .execute()
    const signups = await t.app.db
      .selectFrom('event_signups')
      .select('event_id')
      .where('user_id', '=', mover.id)
      .execute()

    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${mover.id}`,
      headers: admin,
      payload: { branchId: branchB, companyId: companyB },
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().branch.id).toBe(branchB)
    // History stays: the points earned in branch A are still the member's.
    expect((await get('/api/me/points')).json<{ total: number }>().total).toBe(pointsBefore)

    // New rights: branch B's notices and events; branch A's no longer.
    expect((await get(`/api/announcements/${noticeB}`)).statusCode).toBe(200)
    expect((await get(`/api/announcements/${noticeA}`)).statusCode).toBe(404)
    const feed = (await get('/api/announcements?limit=50')).json<AnnouncementPage>()
    expect(feed.items.every((item) => item.branch === null || item.branch.id === branchB)).toBe(true)
    const events = (await get('/api/events?limit=50')).json<EventPage>()
    expect(events.items.every((item) => item.branch === null || item.branch.id === branchB)).toBe(true)
    const courses = (await get('/api/courses?limit=50')).json<{
      items: Array<{ branch: { id: number } | null }>
    }>()
    expect(courses.items.every((item) => item.branch === null || item.branch.id === branchB)).toBe(true)
    const me = (await get('/api/me')).json<{ branch: { id: number } }>()
    expect(me.branch.id).toBe(branchB)
    // The secretary of A no longer runs them; B's does.
    const secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    const secretaryB = tokenFor(t.app, people.secretaryOf(branchB).id)
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/members/${mover.id}`, headers: secretaryA }))
        .statusCode,
    ).toBe(404)
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/members/${mover.id}`, headers: secretaryB }))
        .statusCode,
    ).toBe(200)

    // History stays: reads (beyond the one just made) and signups are where they happened.
    const readsAfter = await t.app.db
      .selectFrom('announcement_reads')
      .select('announcement_id')
      .where('user_id', '=', mover.id)
      .execute()
    expect(readsAfter.filter((row) => row.announcement_id !== noticeB)).toEqual(reads)
    const signupsAfter = await t.app.db
      .selectFrom('event_signups')
      .select('event_id')
      .where('user_id', '=', mover.id)
      .execute()
    expect(signupsAfter).toEqual(signups)
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/audit-log?entity=member&entityId=${mover.id}`,
      headers: admin,
    })
    expect(audit.json().items[0]).toMatchObject({
      action: 'member.transfer',
      before: { branchId: branchA },
      after: { branchId: branchB },
    })
    // Branch figures count them in B now.
    expect([await statsOf(branchA), await statsOf(branchB)]).toEqual([membersA - 1, membersB + 1])
  })
})
