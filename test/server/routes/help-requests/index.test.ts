import { sql } from 'kysely'
import { addParkWorkingDays } from '../../../../server/src/domain/park-time'
import type { HelpRequestDetail, HelpRequestPage, HelperSummary } from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

/** The app's clock: Tuesday 2026-11-24, 12:00 in the park. */
const NOW = new Date('2026-11-24T04:00:00.000Z')

type Headers = Record<string, string>

describe.each(databases)('红e帮帮团 help requests on $name', (database) => {
  let t: TestApp
  let clock = NOW
  let admin: Headers
  let member: Headers
  let memberId: number
  let colleague: Headers
  let outsider: Headers
  let notOnRoster: Headers
  let helper: Headers
  let helperId: number
  let otherHelper: Headers
  let otherHelperId: number
  let noOrgMember: Headers
  let plainMemberId: number

  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload })
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const errorCode = (response: { json: () => unknown }) =>
    (response.json() as { error: { code: string } }).error.code

  async function file(headers = member, category = 'tax'): Promise<number> {
    const response = await post('/api/help-requests', headers, {
      category,
      title: '研发费用加计扣除',
      body: '想了解申报口径和需要的材料',
    })
    expect(response.statusCode).toBe(201)
    return response.json<{ id: number }>().id
  }
  const detail = async (id: number, headers: Headers = admin) => {
    const response = await get(`/api/help-requests/${id}`, headers)
    expect(response.statusCode).toBe(200)
    return response.json<HelpRequestDetail>()
  }
  const status = (id: number, headers: Headers, to: string) =>
    post(`/api/help-requests/${id}/status`, headers, { status: to })
  const notificationsOf = (userId: number) =>
    t.app.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', userId)
      .where('object_type', '=', 'help_request')
      .execute()

  beforeAll(async () => {
    t = await startApp(database, { now: () => clock })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const [first, second] = people.plainMembers.filter(
      (user) => user.branch_id === people.plainMembers[0]!.branch_id,
    )
    memberId = first!.id
    plainMemberId = second!.id
    member = tokenFor(t.app, memberId)
    colleague = tokenFor(t.app, second!.id)
    const elsewhere = people.plainMembers.find((user) => user.branch_id !== first!.branch_id)!
    outsider = tokenFor(t.app, elsewhere.id)
    const helpers = people.users.filter((user) => user.roles.split(',').includes('helper'))
    expect(helpers.length).toBeGreaterThanOrEqual(2)
    helperId = helpers[0]!.id
    otherHelperId = helpers[1]!.id
    helper = tokenFor(t.app, helperId)
    otherHelper = tokenFor(t.app, otherHelperId)
    const [stranger] = await addMembers(t.app, 1)
    await t.app.db.updateTable('users').set({ roles: '' }).where('id', '=', stranger!).execute()
    notOnRoster = tokenFor(t.app, stranger!)
    // A company without a party organisation, and one of its people.
    const company = await t.app.db
      .insertInto('companies')
      .values({ name: '无党组织测试科技有限公司', industry: '软件', created_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    const [worker] = await addMembers(t.app, 1)
    await t.app.db.updateTable('users').set({ company_id: company.id }).where('id', '=', worker!).execute()
    noOrgMember = tokenFor(t.app, worker!)
  })
  afterAll(() => t.close())
  afterEach(() => {
    clock = NOW
  })

  it('files a request with its company; a company with a party organisation goes through the 红色服务通道', async () => {
    const response = await post('/api/help-requests', member, {
      category: 'policy',
      title: '高企认定',
      body: '条件是什么?',
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ id: expect.any(Number), status: 'submitted', priority: 'high' })
    const id = response.json<{ id: number }>().id
    // The park admins hear of it, to assign it.
    const people = await seededPeople(t.app)
    for (const parkAdmin of people.parkAdmins) {
      expect(await notificationsOf(parkAdmin.id)).toContainEqual({
        title: '新的企业求助待分派（红色服务通道）',
        link: `/packages/help/detail/index?id=${id}`,
      })
    }
    const seen = await detail(id, member)
    expect(seen.categoryName).toBe('政策咨询')
    expect(seen.history.map((item) => item.kind)).toEqual(['submitted'])
    // Tuesday noon: one working day for a priority request, two for the ordinary channel.
    expect(seen.timing.responseDueAt).toBe('2026-11-25T04:00:00.000Z')
    expect(seen.actions).toEqual({
      reply: true,
      assign: false,
      status: ['closed'],
      rate: false,
      photos: true,
    })

    const ordinary = await post('/api/help-requests', noOrgMember, {
      category: 'space',
      title: '扩租',
      body: '200 平米',
    })
    expect(ordinary.json()).toMatchObject({ status: 'submitted', priority: 'normal' })
    const normal = await detail(ordinary.json<{ id: number }>().id)
    expect(normal.timing.responseDueAt).toBe('2026-11-26T04:00:00.000Z')
  })

  it('counts working days past a weekend', () => {
    // Friday 17:00 in the park: one working day is Monday 17:00, two is Tuesday.
    expect(addParkWorkingDays('2026-11-27T09:00:00.000Z', 1)).toBe('2026-11-30T09:00:00.000Z')
    expect(addParkWorkingDays('2026-11-27T09:00:00.000Z', 2)).toBe('2026-12-01T09:00:00.000Z')
    // Saturday: Monday.
    expect(addParkWorkingDays('2026-11-28T02:00:00.000Z', 1)).toBe('2026-11-30T02:00:00.000Z')
  })

  it('refuses people not on the roster, members without a company, and bad input', async () => {
    const stranger = await post('/api/help-requests', notOnRoster, { category: 'tax', title: 'x', body: 'y' })
    expect(stranger.statusCode).toBe(403)
    const [homeless] = await addMembers(t.app, 1)
    const noCompany = await post('/api/help-requests', tokenFor(t.app, homeless!), {
      category: 'tax',
      title: 'x',
      body: 'y',
    })
    expect(noCompany.statusCode).toBe(422)
    expect(errorCode(noCompany)).toBe('NO_COMPANY')
    const badCategory = await post('/api/help-requests', member, { category: 'lunch', title: 'x', body: 'y' })
    expect(badCategory.statusCode).toBe(400)
    const longTitle = await post('/api/help-requests', member, {
      category: 'tax',
      title: '长'.repeat(41),
      body: 'y',
    })
    expect(longTitle.statusCode).toBe(400)
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/api/help-requests' })
    expect(unauthenticated.statusCode).toBe(401)
  })

  it('shows a member only their own requests; helpers and park admins see all, high priority first', async () => {
    const own = await file(member)
    const others = await file(colleague)
    const ordinary = await file(noOrgMember)

    const mine = (await get('/api/help-requests?limit=50', member)).json<HelpRequestPage>()
    expect(mine.items.every((item) => item.requester.id === memberId)).toBe(true)
    expect(mine.items.map((item) => item.id)).toContain(own)
    expect((await get(`/api/help-requests/${others}`, member)).statusCode).toBe(404)
    expect((await get(`/api/help-requests/${own}`, outsider)).statusCode).toBe(404)
    expect((await get(`/api/help-requests/${own}`, helper)).statusCode).toBe(200)

    // The whole queue, page by page: every high-priority request before any ordinary one.
    const seen: HelpRequestPage['items'] = []
    let cursor: string | null = null
    do {
      const url: string = `/api/help-requests?limit=7${cursor ? `&cursor=${cursor}` : ''}`
      const page: HelpRequestPage = (await get(url, admin)).json<HelpRequestPage>()
      seen.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    const total = await t.app.db
      .selectFrom('help_requests')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    expect(seen).toHaveLength(Number(total.n))
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length)
    const firstNormal = seen.findIndex((item) => item.priority === 'normal')
    expect(firstNormal).toBeGreaterThan(0)
    expect(seen.slice(firstNormal).every((item) => item.priority === 'normal')).toBe(true)
    expect(seen.map((item) => item.id)).toEqual(expect.arrayContaining([own, others, ordinary]))

    const helperView = (
      await get('/api/help-requests?status=submitted&limit=50', helper)
    ).json<HelpRequestPage>()
    expect(helperView.items.every((item) => item.status === 'submitted')).toBe(true)
    expect((await get('/api/help-requests?cursor=nonsense', admin)).statusCode).toBe(400)
  })

  it('walks a request from submitted to rated, records each change and tells everyone concerned', async () => {
    const id = await file(member)

    // Only the park admin assigns, and only to a helper.
    expect((await post(`/api/help-requests/${id}/assign`, helper, { helperId })).statusCode).toBe(403)
    const notHelper = await post(`/api/help-requests/${id}/assign`, admin, { helperId: plainMemberId })
    expect(notHelper.statusCode).toBe(422)
    expect(errorCode(notHelper)).toBe('NOT_A_HELPER')
    const helpers = (await get('/api/help-requests/helpers', admin)).json<HelperSummary[]>()
    expect(helpers.map((row) => row.id)).toEqual(expect.arrayContaining([helperId, otherHelperId]))
    expect((await get('/api/help-requests/helpers', member)).statusCode).toBe(403)

    const assigned = await post(`/api/help-requests/${id}/assign`, admin, { helperId })
    expect(assigned.statusCode).toBe(200)
    expect(assigned.json<HelpRequestDetail>()).toMatchObject({
      status: 'assigned',
      assignee: { id: helperId },
    })
    expect(await notificationsOf(helperId)).toContainEqual({
      title: '新的求助待处理',
      link: `/packages/help/detail/index?id=${id}`,
    })
    expect((await notificationsOf(memberId)).map((row) => row.title)).toContain('求助已分派')

    // A helper who is not the assignee sees it but may not answer or move it.
    expect((await post(`/api/help-requests/${id}/replies`, otherHelper, { body: '我来' })).statusCode).toBe(
      403,
    )
    expect((await status(id, otherHelper, 'in_progress')).statusCode).toBe(403)
    expect((await detail(id, otherHelper)).actions).toEqual({
      reply: false,
      assign: false,
      status: [],
      rate: false,
      photos: false,
    })
    // The requester may not move it forward.
    expect((await status(id, member, 'resolved')).statusCode).toBe(403)

    // The first answer comes three hours later and counts as the first response.
    clock = new Date(NOW.getTime() + 3 * 3600_000)
    expect((await detail(id, helper)).actions).toEqual({
      reply: true,
      assign: false,
      status: ['in_progress', 'resolved'],
      rate: false,
      photos: false,
    })
    const replied = await post(`/api/help-requests/${id}/replies`, helper, { body: '需要立项书和费用台账' })
    expect(replied.statusCode).toBe(201)
    const afterReply = replied.json<HelpRequestDetail>()
    expect(afterReply.replies).toEqual([
      expect.objectContaining({
        body: '需要立项书和费用台账',
        side: 'helper',
        author: expect.objectContaining({ id: helperId }),
      }),
    ])
    expect(afterReply.timing).toMatchObject({ firstResponseAt: clock.toISOString(), responseOverdue: false })
    expect((await notificationsOf(memberId)).map((row) => row.title)).toContain('求助有新回复')

    // The requester's answer tells the assignee, and is not a response.
    await post(`/api/help-requests/${id}/replies`, member, { body: '好的，我去准备' })
    expect((await notificationsOf(helperId)).map((row) => row.title)).toContain('求助有新回复')
    expect((await detail(id)).timing.firstResponseAt).toBe(clock.toISOString())

    expect((await status(id, helper, 'in_progress')).json<HelpRequestDetail>().status).toBe('in_progress')
    const twice = await status(id, helper, 'in_progress')
    expect(twice.statusCode).toBe(422)
    expect(errorCode(twice)).toBe('BAD_TRANSITION')

    // Not rated before it is resolved.
    const early = await post(`/api/help-requests/${id}/rating`, member, { score: 5 })
    expect(early.statusCode).toBe(422)
    expect(errorCode(early)).toBe('NOT_RESOLVED')

    const resolved = await status(id, helper, 'resolved')
    expect(resolved.statusCode).toBe(200)
    expect(resolved.json<HelpRequestDetail>().timing.resolvedAt).toBe(clock.toISOString())
    expect((await notificationsOf(memberId)).map((row) => row.title)).toContain('求助已解决')
    expect((await detail(id, member)).actions).toEqual({
      reply: true,
      assign: false,
      status: ['closed', 'reopened'],
      rate: true,
      photos: true,
    })
    expect(
      (await post(`/api/help-requests/${id}/assign`, admin, { helperId: otherHelperId })).statusCode,
    ).toBe(422)

    // Only the requester rates, once.
    expect((await post(`/api/help-requests/${id}/rating`, helper, { score: 5 })).statusCode).toBe(403)
    expect((await post(`/api/help-requests/${id}/rating`, member, { score: 6 })).statusCode).toBe(400)
    const rated = await post(`/api/help-requests/${id}/rating`, member, { score: 5, comment: '很及时' })
    expect(rated.statusCode).toBe(201)
    expect(rated.json<HelpRequestDetail>().rating).toMatchObject({ score: 5, comment: '很及时' })
    const again = await post(`/api/help-requests/${id}/rating`, member, { score: 1 })
    expect(again.statusCode).toBe(409)
    expect(errorCode(again)).toBe('ALREADY_RATED')

    const closed = await status(id, member, 'closed')
    expect(closed.json<HelpRequestDetail>().status).toBe('closed')
    const replyClosed = await post(`/api/help-requests/${id}/replies`, member, { body: '还有一个问题' })
    expect(replyClosed.statusCode).toBe(422)

    const history = (await detail(id)).history.map((item) => [item.kind, item.fromStatus, item.toStatus])
    expect(history).toEqual([
      ['submitted', null, 'submitted'],
      ['assigned', 'submitted', 'assigned'],
      ['replied', null, null],
      ['replied', null, null],
      ['status', 'assigned', 'in_progress'],
      ['status', 'in_progress', 'resolved'],
      ['rated', null, null],
      ['status', 'resolved', 'closed'],
    ])
  })

  it('reopens a closed request back to its helper, and the requester may withdraw an open one', async () => {
    const id = await file(member)
    await post(`/api/help-requests/${id}/assign`, admin, { helperId })
    await status(id, helper, 'resolved')
    await status(id, member, 'closed')
    const reopened = await status(id, member, 'reopened')
    expect(reopened.statusCode).toBe(200)
    expect(reopened.json<HelpRequestDetail>()).toMatchObject({
      status: 'in_progress',
      timing: { resolvedAt: null },
    })
    expect((await notificationsOf(helperId)).map((row) => row.title)).toContain('求助已重新打开')
    // Reassigning an open request moves it to the other helper.
    const moved = await post(`/api/help-requests/${id}/assign`, admin, { helperId: otherHelperId })
    expect(moved.json<HelpRequestDetail>()).toMatchObject({
      status: 'in_progress',
      assignee: { id: otherHelperId },
    })
    expect((await status(id, helper, 'resolved')).statusCode).toBe(403)

    const withdrawn = await file(member)
    const open = await status(withdrawn, member, 'reopened')
    expect(open.statusCode).toBe(422)
    expect(errorCode(open)).toBe('BAD_TRANSITION')
    const notYet = await status(withdrawn, admin, 'in_progress')
    expect(errorCode(notYet)).toBe('BAD_TRANSITION')
    expect((await status(withdrawn, member, 'closed')).json<HelpRequestDetail>().status).toBe('closed')
    // Closed without being resolved: nothing to rate.
    const rating = await post(`/api/help-requests/${withdrawn}/rating`, member, { score: 3 })
    expect(errorCode(rating)).toBe('NOT_RESOLVED')
    expect((await get(`/api/help-requests/${withdrawn}`, outsider)).statusCode).toBe(404)
    expect((await status(withdrawn, outsider, 'closed')).statusCode).toBe(404)
  })

  it('shows a request late once its first reply is past due', async () => {
    const id = await file(member)
    clock = new Date(NOW.getTime() + 2 * 24 * 3600_000)
    const late = await detail(id)
    expect(late.timing.responseOverdue).toBe(true)
    const listed = (await get('/api/help-requests?status=open&limit=50', admin)).json<HelpRequestPage>()
    expect(listed.items.find((item) => item.id === id)?.timing.responseOverdue).toBe(true)
  })

  it('keeps the history, the replies and the ratings append-only', async () => {
    // Matched by message: better-sqlite3's error class may belong to another test file's realm.
    const refused = { message: expect.stringContaining('append-only') }
    await expect(sql`update help_request_events set kind = 'status'`.execute(t.app.db)).rejects.toMatchObject(
      refused,
    )
    await expect(sql`delete from help_request_replies`.execute(t.app.db)).rejects.toMatchObject(refused)
    await expect(sql`update help_request_ratings set score = 1`.execute(t.app.db)).rejects.toMatchObject(
      refused,
    )
  })

  it('seeds a year of demo requests in every state', async () => {
    const rows = await t.app.db
      .selectFrom('help_requests')
      .select(['status', 'priority', 'created_at'])
      .where('title', '<>', '研发费用加计扣除')
      .execute()
    expect(new Set(rows.map((row) => row.status))).toEqual(
      new Set(['submitted', 'assigned', 'in_progress', 'resolved', 'closed']),
    )
    expect(new Set(rows.map((row) => row.priority))).toEqual(new Set(['high', 'normal']))
    const oldest = rows.map((row) => row.created_at).sort()[0]!
    expect(Date.parse(oldest)).toBeLessThan(Date.now() - 300 * 24 * 3600_000)
  })
})
