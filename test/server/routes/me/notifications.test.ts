import type { NotificationPage, SubscriptionTemplates } from '../../../../server/src/schemas'
import { notifyJoinRequestDecided } from '../../../../server/src/domain/notifications'
import { TEMPLATE_ENV } from '../../fake-wechat-messages'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

type Headers = Record<string, string>

describe.each(databases)('我的消息 on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let secretary: Headers
  let branchId: number
  let demoMember: Headers

  beforeAll(async () => {
    t = await startApp(database, { env: TEMPLATE_ENV })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    branchId = people.secretaries[0]!.branch_id!
    secretary = tokenFor(t.app, people.secretaryOf(branchId).id)
    demoMember = tokenFor(t.app, people.memberOf(branchId).id)
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const post = (url: string, headers: Headers, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as object })
  const publish = (headers: Headers, body: Record<string, unknown>) =>
    post('/api/announcements', headers, { title: '重要:支部换届选举', body: '请全体党员准时参加。', ...body })

  it('an important notice reaches its audience: listed unread with a link, badge counted, marked read one by one or all', async () => {
    const [memberId] = await addMembers(t.app, 1, { branchId })
    const member = tokenFor(t.app, memberId!)
    const [outsider] = await addMembers(t.app, 1, { branchId: null })
    const published = await publish(secretary, { scope: 'branch', important: true })
    expect(published.statusCode).toBe(201)
    expect(published.json()).toMatchObject({ important: true })
    const noticeId = published.json<{ id: number }>().id
    await publish(secretary, { scope: 'branch', title: '普通通知' })
    await publish(admin, { scope: 'park', important: true, title: '园区重要通知' })

    const page = (await get('/api/me/notifications', member)).json<NotificationPage>()
    expect(page.items.map((item) => item.title)).toEqual([
      '重要通知:园区重要通知',
      '重要通知:重要:支部换届选举',
    ])
    expect(page.items[1]).toMatchObject({
      kind: 'notice_important',
      link: `/packages/notice/detail/index?id=${noticeId}`,
      read: false,
      eventId: null,
    })
    expect(page.unreadCount).toBe(2)
    expect((await get('/api/me/notifications/unread-count', member)).json()).toEqual({ count: 2 })
    // Outside the branch: only the park notice.
    const theirs = (await get('/api/me/notifications', tokenFor(t.app, outsider!))).json<NotificationPage>()
    expect(theirs.items.map((item) => item.title)).toEqual(['重要通知:园区重要通知'])

    // Someone else's id changes nothing; one's own is read.
    const others = (await get('/api/me/notifications', tokenFor(t.app, outsider!))).json<NotificationPage>()
    const foreign = await post('/api/me/notifications/read', member, { ids: [others.items[0]!.id] })
    expect(foreign.json()).toEqual({ marked: 0, unreadCount: 2 })
    const one = await post('/api/me/notifications/read', member, { ids: [page.items[1]!.id] })
    expect(one.statusCode).toBe(200)
    expect(one.json()).toEqual({ marked: 1, unreadCount: 1 })
    const all = await post('/api/me/notifications/read', member, { all: true })
    expect(all.json()).toEqual({ marked: 1, unreadCount: 0 })
    const after = (await get('/api/me/notifications', member)).json<NotificationPage>()
    expect(after.items.every((item) => item.read)).toBe(true)
  })

  it('tells the person who asked to join a branch how it was decided, once (the organisation domain calls this)', async () => {
    const [askerId] = await addMembers(t.app, 1)
    const decide = (approved: boolean) =>
      t.app.db.transaction().execute((trx) =>
        notifyJoinRequestDecided(
          trx,
          {
            requestId: 77,
            userId: askerId!,
            approved,
            branchName: '码上通党支部',
            reason: approved ? null : '信息不完整',
            decidedAt: new Date().toISOString(),
          },
          new Date(),
        ),
      )
    await decide(false)
    await decide(false)
    const page = (await get('/api/me/notifications', tokenFor(t.app, askerId!))).json<NotificationPage>()
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({
      kind: 'join_request_decided',
      title: '入支部申请未通过',
      link: '/pages/me/index',
    })
    expect(page.items[0]!.body).toContain('信息不完整')
    const outbox = await t.app.db
      .selectFrom('notification_outbox')
      .select(['template', 'data'])
      .where('user_id', '=', askerId!)
      .executeTakeFirstOrThrow()
    expect(outbox.template).toBe('join_result')
    expect(JSON.parse(outbox.data)).toMatchObject({ phrase2: { value: '未通过' } })
  })

  it('refuses bad read requests with a named field', async () => {
    for (const body of [{}, { ids: [] }, { ids: ['1'] }, { all: false }, { ids: [1], extra: 1 }]) {
      const response = await post('/api/me/notifications/read', demoMember, body)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('VALIDATION_FAILED')
    }
  })

  it('lists the configured templates and records accepted ones, only for WeChat members and known templates', async () => {
    const [memberId] = await addMembers(t.app, 1, { branchId })
    const member = tokenFor(t.app, memberId!)
    const listed = (await get('/api/me/subscriptions', member)).json<SubscriptionTemplates>()
    expect(listed.templates.map((template) => template.key)).toEqual([
      'waitlist',
      'event_change',
      'event_reminder',
      'session_reminder',
      'notice',
      'join_result',
    ])
    expect(listed.templates.every((template) => template.accepted === 0)).toBe(true)

    const accepted = await post('/api/me/subscriptions', member, {
      templateIds: ['tpl-waitlist', 'tpl-waitlist', 'tpl-notice'],
    })
    expect(accepted.statusCode).toBe(201)
    const counts = Object.fromEntries(
      accepted.json<SubscriptionTemplates>().templates.map((template) => [template.key, template.accepted]),
    )
    expect(counts).toMatchObject({ waitlist: 2, notice: 1, event_change: 0 })

    const unknown = await post('/api/me/subscriptions', member, { templateIds: ['tpl-other'] })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error.code).toBe('UNKNOWN_TEMPLATE')
    // Demo accounts never signed in with WeChat: nothing to send to.
    const demo = await post('/api/me/subscriptions', demoMember, { templateIds: ['tpl-waitlist'] })
    expect(demo.statusCode).toBe(422)
    expect(demo.json().error.code).toBe('WECHAT_NOT_BOUND')
    const bad = await post('/api/me/subscriptions', member, { templateIds: [] })
    expect(bad.statusCode).toBe(400)
  })
})

describe('without templates', () => {
  it('offers none: messages are in-app only', async () => {
    const t = await startApp(databases[0]!, { seed: false })
    try {
      const [memberId] = await addMembers(t.app, 1)
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/me/subscriptions',
        headers: tokenFor(t.app, memberId!),
      })
      expect(response.json()).toEqual({ templates: [] })
    } finally {
      await t.close()
    }
  })
})
