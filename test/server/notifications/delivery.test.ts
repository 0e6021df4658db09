import type { App } from '../../../server/src/app'
import type { CourseDetail, EventDetail, NotificationPage } from '../../../server/src/schemas'
import { fakeWechatMessages, TEMPLATE_ENV } from '../fake-wechat-messages'
import { addMembers, databases, seededPeople, tokenFor } from '../harness'
import { startInstances, type Instances } from './instances'

/*
 * The notification worker end to end with the app's clock: two app instances on one PostgreSQL
 * database (their workers run at once), one on SQLite (one writer: better-sqlite3 is synchronous,
 * so a second connection in the same process would only wait on the first):
 * reminders fire once at their time, waitlist promotions reach the centre at once and WeChat once,
 * a WeChat error is retried with backoff and then given up with a record.
 */

const START = Date.parse('2026-11-20T02:00:00.000Z')
const HOUR = 3600_000
type Headers = Record<string, string>

describe.each(databases)('notification delivery on $name', (database) => {
  const instances = database.name === 'postgres' ? 2 : 1
  const wechat = fakeWechatMessages()
  let clock = START
  let t: Instances
  let a: App
  let b: App
  let secretary: Headers
  let branchId: number

  beforeAll(async () => {
    const apiBase = await wechat.start()
    t = await startInstances(database, instances, {
      env: { ...TEMPLATE_ENV, WECHAT_API_BASE: apiBase },
      now: () => new Date(clock),
      notifier: { backoffMs: 60_000, maxAttempts: 3 },
    })
    a = t.apps[0]!
    b = t.apps[1] ?? a
    const people = await seededPeople(a)
    branchId = people.secretaries[0]!.branch_id!
    secretary = tokenFor(a, people.secretaryOf(branchId).id)
  })
  afterAll(async () => {
    await t.close()
    await wechat.stop()
  })
  beforeEach(() => {
    wechat.sent.length = 0
    wechat.failNext(0)
  })

  /** Both instances' workers at once, as two processes polling would. */
  const tickBoth = () => Promise.all(t.apps.map((app) => app.notifier.runOnce()))
  const at = (ms: number) => new Date(ms).toISOString()
  const send = async (
    app: App,
    method: 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) => {
    const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
    return response
  }
  const centre = async (app: App, headers: Headers) =>
    (
      await app.inject({ method: 'GET', url: '/api/me/notifications?limit=50', headers })
    ).json<NotificationPage>()
  const subscribe = (headers: Headers, templateIds: string[]) =>
    send(a, 'POST', '/api/me/subscriptions', headers, { templateIds })
  const newMember = async () => {
    const [id] = await addMembers(a, 1, { branchId })
    const openid = (
      await a.db.selectFrom('users').select('wechat_openid').where('id', '=', id!).executeTakeFirstOrThrow()
    ).wechat_openid!
    return { id: id!, headers: tokenFor(a, id!), openid }
  }
  const createEvent = async (startsAt: number, overrides: Record<string, unknown> = {}) =>
    (
      await send(a, 'POST', '/api/events', secretary, {
        title: '青创沙龙:提醒测试',
        category: 'salon',
        venue: '创新驿站路演厅',
        startsAt: at(startsAt),
        endsAt: at(startsAt + 2 * HOUR),
        capacity: 5,
        branchId,
        ...overrides,
      })
    ).json<EventDetail>()

  it('reminds of an event tomorrow and in an hour, once each, at their time', async () => {
    clock = START
    const startsAt = START + 72 * HOUR
    const event = await createEvent(startsAt)
    const member = await newMember()
    await send(b, 'POST', `/api/events/${event.id}/signup`, member.headers)
    await subscribe(member.headers, ['tpl-event-reminder', 'tpl-event-reminder'])

    const reminders = async () =>
      (await centre(a, member.headers)).items.filter(
        (item) => item.kind === 'event_tomorrow' || item.kind === 'event_soon',
      )

    clock = startsAt - 24 * HOUR - 1000
    await tickBoth()
    expect(await reminders()).toHaveLength(0)
    expect(wechat.sent).toHaveLength(0)

    clock = startsAt - 24 * HOUR
    await tickBoth()
    await tickBoth()
    const tomorrow = await reminders()
    expect(tomorrow.map((item) => item.kind)).toEqual(['event_tomorrow'])
    expect(tomorrow[0]).toMatchObject({ link: `/packages/event/detail/index?id=${event.id}`, read: false })
    expect(wechat.sent).toHaveLength(1)
    expect(wechat.sent[0]).toMatchObject({
      touser: member.openid,
      template_id: 'tpl-event-reminder',
      page: `packages/event/detail/index?id=${event.id}`,
      data: { thing1: { value: '青创沙龙:提醒测试' }, time2: { value: '2026-11-23 10:00' } },
    })

    clock = startsAt - HOUR
    await tickBoth()
    clock += 60_000
    await tickBoth()
    expect((await reminders()).map((item) => item.kind)).toEqual(['event_soon', 'event_tomorrow'])
    expect(wechat.sent.map((message) => message.template_id)).toEqual([
      'tpl-event-reminder',
      'tpl-event-reminder',
    ])
    // Both acceptances are spent: nothing more can go to WeChat for this template.
    const left = await a.db
      .selectFrom('wechat_subscriptions')
      .select('used_at')
      .where('user_id', '=', member.id)
      .execute()
    expect(left.every((row) => row.used_at !== null)).toBe(true)
  })

  it('reminds enrolled members 30 minutes before a training, with a link to sign in', async () => {
    clock = START
    const startsAt = START + 5 * HOUR
    const course = (
      await send(a, 'POST', '/api/courses', secretary, {
        title: '支部书记轮训班',
        description: '',
        capacity: 30,
        branchId,
        sessions: [
          { startsAt: at(startsAt), endsAt: at(startsAt + HOUR), venue: '党群服务中心', lecturer: '郑老师' },
        ],
      })
    ).json<CourseDetail>()
    const member = await newMember()
    await send(a, 'POST', `/api/courses/${course.id}/enroll`, member.headers)
    await subscribe(member.headers, ['tpl-session-reminder'])
    const sessionId = course.sessions[0]!.id

    clock = startsAt - 31 * 60_000
    await tickBoth()
    expect((await centre(a, member.headers)).items).toHaveLength(0)
    clock = startsAt - 30 * 60_000
    await tickBoth()
    await tickBoth()
    const items = (await centre(b, member.headers)).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      kind: 'session_soon',
      link: `/packages/checkin/enter/index?sessionId=${sessionId}`,
    })
    expect(wechat.sent).toHaveLength(1)
    expect(wechat.sent[0]).toMatchObject({ template_id: 'tpl-session-reminder', touser: member.openid })
  })

  it('moves reminders with the event, tells its members it moved, and drops them when it is cancelled', async () => {
    clock = START
    const firstStart = START + 48 * HOUR
    const event = await createEvent(firstStart, { title: '将调整的活动' })
    const member = await newMember()
    await send(a, 'POST', `/api/events/${event.id}/signup`, member.headers)
    await subscribe(member.headers, ['tpl-event-change'])

    const movedStart = firstStart + 24 * HOUR
    await send(a, 'PATCH', `/api/events/${event.id}`, secretary, {
      startsAt: at(movedStart),
      endsAt: at(movedStart + 2 * HOUR),
    })
    // Told at once in the centre; the subscribe message goes with the next tick.
    const moved = (await centre(a, member.headers)).items
    expect(moved.map((item) => item.kind)).toEqual(['event_moved'])
    expect(moved[0]!.body).toContain('将调整的活动')
    await tickBoth()
    expect(wechat.sent.map((message) => message.template_id)).toEqual(['tpl-event-change'])

    // Nothing at the old time; the reminder follows the new start.
    clock = firstStart - 24 * HOUR
    await tickBoth()
    expect((await centre(a, member.headers)).items.map((item) => item.kind)).toEqual(['event_moved'])
    clock = movedStart - 24 * HOUR
    await tickBoth()
    expect((await centre(a, member.headers)).items.map((item) => item.kind)).toEqual([
      'event_tomorrow',
      'event_moved',
    ])

    await send(a, 'DELETE', `/api/events/${event.id}`, secretary)
    clock = movedStart - HOUR
    await tickBoth()
    expect((await centre(a, member.headers)).items.map((item) => item.kind)).toEqual([
      'event_cancelled',
      'event_tomorrow',
      'event_moved',
    ])
    const pending = await a.db
      .selectFrom('notification_schedule')
      .select('status')
      .where('object_type', '=', 'event')
      .where('object_id', '=', event.id)
      .execute()
    expect(pending.filter((row) => row.status === 'pending')).toHaveLength(0)
  })

  it('promotes a waitlisted member: in their centre at once, one subscribe message, sent exactly once', async () => {
    clock = START
    const event = await createEvent(START + 96 * HOUR, { title: '满员活动', capacity: 1 })
    const first = await newMember()
    const waiting = await newMember()
    await send(a, 'POST', `/api/events/${event.id}/signup`, first.headers)
    const queued = await send(b, 'POST', `/api/events/${event.id}/signup`, waiting.headers)
    expect(queued.json()).toEqual({ status: 'waitlisted', position: 1 })
    await subscribe(waiting.headers, ['tpl-waitlist'])

    await send(b, 'DELETE', `/api/events/${event.id}/signup`, first.headers)
    const items = (await centre(a, waiting.headers)).items
    expect(items[0]).toMatchObject({ kind: 'waitlist_promoted', eventId: event.id, read: false })
    expect((await centre(a, waiting.headers)).unreadCount).toBe(1)

    await Promise.all([tickBoth(), tickBoth()])
    await tickBoth()
    const promoted = wechat.sent.filter((message) => message.template_id === 'tpl-waitlist')
    expect(promoted).toHaveLength(1)
    expect(promoted[0]).toMatchObject({
      touser: waiting.openid,
      page: `packages/event/detail/index?id=${event.id}`,
    })
    const row = await a.db
      .selectFrom('notification_outbox')
      .select(['status', 'attempts'])
      .where('user_id', '=', waiting.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'sent', attempts: 1 })
  })

  it('sends nothing to WeChat for a member who accepted no template, and records why', async () => {
    clock = START
    const event = await createEvent(START + 30 * HOUR, { title: '未订阅的活动', capacity: 1 })
    const first = await newMember()
    const waiting = await newMember()
    await send(a, 'POST', `/api/events/${event.id}/signup`, first.headers)
    await send(a, 'POST', `/api/events/${event.id}/signup`, waiting.headers)
    await send(a, 'DELETE', `/api/events/${event.id}/signup`, first.headers)
    await tickBoth()
    expect(wechat.sent).toHaveLength(0)
    const row = await a.db
      .selectFrom('notification_outbox')
      .select(['status', 'last_error'])
      .where('user_id', '=', waiting.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('skipped')
    expect(row.last_error).toContain('未订阅')
  })

  it('retries a WeChat error with backoff, then gives up with a record and frees the subscription', async () => {
    clock = START
    const event = await createEvent(START + 100 * HOUR, { title: '微信出错的活动', capacity: 1 })
    const first = await newMember()
    const waiting = await newMember()
    await send(a, 'POST', `/api/events/${event.id}/signup`, first.headers)
    await send(a, 'POST', `/api/events/${event.id}/signup`, waiting.headers)
    await subscribe(waiting.headers, ['tpl-waitlist'])
    await send(a, 'DELETE', `/api/events/${event.id}/signup`, first.headers)

    const outbox = () =>
      a.db
        .selectFrom('notification_outbox')
        .select(['status', 'attempts', 'due_at', 'last_error'])
        .where('user_id', '=', waiting.id)
        .executeTakeFirstOrThrow()

    // A transient error, then success on the retry.
    wechat.failNext(1)
    await tickBoth()
    const row = await outbox()
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(row.last_error).toContain('-1')
    expect(row.due_at).toBe(at(clock + 60_000))
    await tickBoth()
    expect(wechat.sent).toHaveLength(0) // not due yet
    clock += 60_000
    await tickBoth()
    expect(wechat.sent).toHaveLength(1)
    expect(await outbox()).toMatchObject({ status: 'sent', attempts: 2 })

    // Always failing: three attempts (1 min, then 2 min apart), then given up.
    const again = await newMember()
    await subscribe(again.headers, ['tpl-event-change'])
    await send(a, 'POST', `/api/events/${event.id}/signup`, again.headers) // waitlisted
    wechat.state.failAll = true
    try {
      await send(a, 'DELETE', `/api/events/${event.id}`, secretary)
      const cancelled = () =>
        a.db
          .selectFrom('notification_outbox')
          .select(['status', 'attempts', 'last_error'])
          .where('user_id', '=', again.id)
          .executeTakeFirstOrThrow()
      await tickBoth()
      clock += 60_000
      await tickBoth()
      expect(await cancelled()).toMatchObject({ status: 'pending', attempts: 2 })
      clock += 120_000
      await tickBoth()
      const given = await cancelled()
      expect(given).toMatchObject({ status: 'failed', attempts: 3 })
      expect(given.last_error).toMatch(/3 次尝试后放弃/)
      clock += 3600_000
      await tickBoth()
      expect(await cancelled()).toMatchObject({ status: 'failed', attempts: 3 })
      const subscription = await a.db
        .selectFrom('wechat_subscriptions')
        .select(['outbox_id', 'used_at'])
        .where('user_id', '=', again.id)
        .executeTakeFirstOrThrow()
      expect(subscription).toEqual({ outbox_id: null, used_at: null })
    } finally {
      wechat.state.failAll = false
    }
  })
})
