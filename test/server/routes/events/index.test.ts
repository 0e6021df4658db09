import type {
  AttendeeList,
  Category,
  Event,
  EventDetail,
  EventPage,
  MySignupPage,
  NotificationPage,
} from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const SECOND = 1000
const HOUR = 3600 * SECOND
const DAY = 24 * HOUR
/** The app's clock: deadlines and "in the past" are judged by it. */
let clock = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()
const inHours = (hours: number) => iso(clock + hours * HOUR)

type Headers = Record<string, string>

describe.each(databases)('events on $name', (database) => {
  let t: TestApp
  let branchA: number
  let branchB: number
  let memberA: Headers
  let memberA2: Headers
  let memberB: Headers
  let secretaryA: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    const membersOfA = people.plainMembers.filter((user) => user.branch_id === branchA)
    memberA = tokenFor(t.app, membersOfA[0]!.id)
    memberA2 = tokenFor(t.app, membersOfA[1]!.id)
    memberB = tokenFor(t.app, people.memberOf(branchB).id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const signUp = (id: number, headers: Headers) => send('POST', `/api/events/${id}/signup`, headers)
  const cancel = (id: number, headers: Headers) => send('DELETE', `/api/events/${id}/signup`, headers)
  const detail = async (id: number, headers: Headers) =>
    (await get(`/api/events/${id}`, headers)).json<EventDetail>()

  const draft = (overrides: Record<string, unknown> = {}) => ({
    title: '青创沙龙:测试活动',
    category: 'salon',
    description: '活动介绍',
    venue: '创新驿站路演厅',
    startsAt: inHours(72),
    endsAt: inHours(74),
    capacity: 2,
    ...overrides,
  })
  const create = async (headers: Headers, overrides: Record<string, unknown> = {}) => {
    const response = await send('POST', '/api/events', headers, draft(overrides))
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    return response.json<EventDetail>()
  }

  async function readAll(url: string, headers: Headers, limit: number): Promise<Event[]> {
    const items: Event[] = []
    let cursor: string | null = null
    for (let page = 0; page < 100; page++) {
      const separator = url.includes('?') ? '&' : '?'
      const response = await get(
        `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      )
      expect(response.statusCode).toBe(200)
      const body = response.json<EventPage>()
      items.push(...body.items)
      cursor = body.nextCursor
      if (!cursor) return items
    }
    throw new Error('pagination never ended')
  }

  describe('browsing', () => {
    it('lists upcoming events soonest first in the documented shape, past ones latest first', async () => {
      const response = await get('/api/events', memberA)
      expect(response.statusCode).toBe(200)
      const { items } = response.json<EventPage>()
      expect(items.length).toBeGreaterThan(0)
      expect(Object.keys(items[0]!).sort()).toEqual(
        [
          'branch',
          'canManage',
          'cancelDeadline',
          'capacity',
          'category',
          'categoryName',
          'confirmedCount',
          'endsAt',
          'id',
          'mySignup',
          'signupDeadline',
          'startsAt',
          'status',
          'title',
          'venue',
          'waitlistCount',
        ].sort(),
      )
      const upcoming = await readAll('/api/events', memberA, 4)
      const starts = upcoming.map((event) => event.startsAt)
      expect(starts).toEqual([...starts].sort())
      expect(upcoming.every((event) => event.status !== 'ended')).toBe(true)

      const past = await readAll('/api/events?when=past', memberA, 2)
      expect(past.length).toBeGreaterThan(0)
      expect(past.map((event) => event.startsAt)).toEqual(
        past
          .map((event) => event.startsAt)
          .sort()
          .reverse(),
      )
      expect(past.every((event) => event.status === 'ended')).toBe(true)
      const ids = [...upcoming, ...past].map((event) => event.id)
      expect(new Set(ids).size).toBe(ids.length)
    })

    it('filters by category and lists the six categories', async () => {
      const categories = (await get('/api/categories', memberA)).json<Category[]>()
      expect(categories).toEqual([
        { code: 'roadshow', name: '红色路演' },
        { code: 'salon', name: '青创沙龙' },
        { code: 'mentoring', name: '创业辅导' },
        { code: 'charity', name: '公益创投' },
        { code: 'ceremony', name: '授牌仪式' },
        { code: 'other', name: '其他' },
      ])
      const roadshows = await readAll('/api/events?category=roadshow', memberA, 50)
      expect(roadshows.length).toBeGreaterThan(0)
      expect(roadshows.every((event) => event.category === 'roadshow')).toBe(true)
    })

    it('shows the seeded full event with its waitlist', async () => {
      const all = await readAll('/api/events', memberA, 50)
      const full = all.find((event) => event.title === '红色路演项目路演前辅导会')
      expect(full).toMatchObject({ status: 'full', capacity: 30, confirmedCount: 30, waitlistCount: 5 })
    })

    it('shows park-wide events and the own branch’s, never another branch’s', async () => {
      const own = await create(secretaryA, { title: 'A支部活动' })
      expect(own.branch?.id).toBe(branchA)
      const listA = await readAll('/api/events', memberA, 50)
      expect(listA.some((event) => event.id === own.id)).toBe(true)
      expect(listA.every((event) => event.branch === null || event.branch.id === branchA)).toBe(true)

      const listB = await readAll('/api/events', memberB, 50)
      expect(listB.some((event) => event.id === own.id)).toBe(false)
      for (const response of [
        await get(`/api/events/${own.id}`, memberB),
        await signUp(own.id, memberB),
        await cancel(own.id, memberB),
        await get(`/api/events/99999`, memberB),
      ]) {
        expect(response.statusCode).toBe(404)
      }
      expect((await get(`/api/events/${own.id}`, memberB)).json().error.code).toBe('NOT_FOUND')
    })

    it('gives the detail with description and canManage', async () => {
      const event = await create(secretaryA)
      expect(await detail(event.id, memberA)).toMatchObject({
        description: '活动介绍',
        canManage: false,
        mySignup: null,
      })
      expect((await detail(event.id, secretaryA)).canManage).toBe(true)
      expect((await detail(event.id, parkAdmin)).canManage).toBe(true)
      const parkWide = await create(parkAdmin)
      expect((await detail(parkWide.id, secretaryA)).canManage).toBe(false)
    })

    it('says in the list which events the viewer organises (the 活动管理 list relies on it)', async () => {
      const own = await create(secretaryA)
      const parkWide = await create(parkAdmin)
      const canManage = async (headers: Headers, id: number) =>
        (await readAll('/api/events', headers, 50)).find((item) => item.id === id)?.canManage
      expect(await canManage(secretaryA, own.id)).toBe(true)
      expect(await canManage(secretaryA, parkWide.id)).toBe(false)
      expect(await canManage(memberA, own.id)).toBe(false)
      expect(await canManage(parkAdmin, own.id)).toBe(true)
    })

    it('lists every event a secretary organises with managed=1, however many park-wide ones come first', async () => {
      // 60 park-wide events, all sooner than the branch's own: a page of the plain list holds none of them.
      await t.app.db
        .insertInto('events')
        .values(
          Array.from({ length: 60 }, (_, n) => ({
            title: `园区活动${n + 1}`,
            category: 'salon' as const,
            venue: '路演厅',
            starts_at: iso(clock + HOUR + n * 60_000),
            ends_at: iso(clock + 2 * HOUR + n * 60_000),
            capacity: 10,
            signup_deadline: iso(clock + HOUR),
            cancel_deadline: iso(clock),
            branch_id: null,
            created_by: 1,
            cancelled_at: null,
            created_at: iso(clock),
            updated_at: iso(clock),
          })),
        )
        .execute()
      const own = [
        await create(secretaryA, { startsAt: inHours(30), endsAt: inHours(31) }),
        await create(secretaryA, { startsAt: inHours(40), endsAt: inHours(41) }),
      ]
      const firstPage = (await get('/api/events?limit=20', secretaryA)).json<EventPage>().items
      expect(firstPage.some((event) => event.canManage)).toBe(false)

      const managed = await readAll('/api/events?managed=1', secretaryA, 20)
      expect(managed.length).toBeGreaterThanOrEqual(own.length)
      expect(managed.every((event) => event.canManage && event.branch?.id === branchA)).toBe(true)
      for (const event of own) expect(managed.map((item) => item.id)).toContain(event.id)
      const mine = await t.app.db
        .selectFrom('events')
        .select('id')
        .where('branch_id', '=', branchA)
        .where('ends_at', '>=', iso(clock))
        .execute()
      expect(managed).toHaveLength(mine.length)

      // A park admin organises them all; a member organises nothing.
      const admin = await readAll('/api/events?managed=1', parkAdmin, 50)
      expect(admin.filter((event) => event.branch === null).length).toBeGreaterThanOrEqual(60)
      const member = await get('/api/events?managed=1', memberA)
      expect(member.statusCode).toBe(403)
    })
  })

  describe('signing up', () => {
    it('confirms while places are free, then waitlists in order; cancelling promotes the head', async () => {
      const event = await create(parkAdmin, { capacity: 1 })
      const first = await signUp(event.id, memberA)
      expect(first.statusCode).toBe(201)
      expect(first.json()).toEqual({ status: 'confirmed' })
      const second = await signUp(event.id, memberB)
      expect(second.statusCode).toBe(201)
      expect(second.json()).toEqual({ status: 'waitlisted', position: 1 })
      expect(await detail(event.id, memberB)).toMatchObject({
        status: 'full',
        confirmedCount: 1,
        waitlistCount: 1,
        mySignup: { status: 'waitlisted', position: 1 },
      })

      const again = await signUp(event.id, memberA)
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('ALREADY_SIGNED_UP')

      const cancelled = await cancel(event.id, memberA)
      expect(cancelled.statusCode).toBe(200)
      expect(cancelled.json()).toEqual({ status: 'cancelled' })
      expect(await detail(event.id, memberB)).toMatchObject({
        confirmedCount: 1,
        waitlistCount: 0,
        mySignup: { status: 'confirmed' },
      })
      const notices = (await get('/api/me/notifications', memberB)).json<NotificationPage>()
      expect(notices.items[0]).toMatchObject({ kind: 'waitlist_promoted', eventId: event.id })

      // After cancelling, the same member may sign up again (and now queues).
      const back = await signUp(event.id, memberA)
      expect(back.statusCode).toBe(201)
      expect(back.json()).toEqual({ status: 'waitlisted', position: 1 })
      const missing = await cancel(event.id, memberA2)
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.code).toBe('NOT_SIGNED_UP')
    })

    it('defaults the deadlines to the start and two hours before it', async () => {
      const startsAt = inHours(50)
      const event = await create(parkAdmin, { startsAt, endsAt: inHours(52) })
      expect(event.signupDeadline).toBe(startsAt)
      expect(event.cancelDeadline).toBe(new Date(Date.parse(startsAt) - 2 * HOUR).toISOString())
    })

    it('refuses signups after the signup deadline and for ended events', async () => {
      const closed = await create(parkAdmin, { signupDeadline: inHours(-1) })
      expect(closed.status).toBe('closed')
      const late = await signUp(closed.id, memberA)
      expect(late.statusCode).toBe(422)
      expect(late.json().error.code).toBe('SIGNUP_CLOSED')

      const ended = await create(parkAdmin)
      await t.app.db
        .updateTable('events')
        .set({
          starts_at: inHours(-3),
          ends_at: inHours(-1),
          signup_deadline: inHours(-3),
          cancel_deadline: inHours(-5),
        })
        .where('id', '=', ended.id)
        .execute()
      expect((await detail(ended.id, memberA)).status).toBe('ended')
      const afterwards = await signUp(ended.id, memberA)
      expect(afterwards.statusCode).toBe(422)
      expect(afterwards.json().error.code).toBe('SIGNUP_CLOSED')
    })

    it('refuses a confirmed cancel after the cancel deadline but lets the waitlist leave', async () => {
      const event = await create(parkAdmin, { capacity: 1, cancelDeadline: inHours(-1) })
      expect((await signUp(event.id, memberA)).json()).toEqual({ status: 'confirmed' })
      expect((await signUp(event.id, memberB)).json()).toEqual({ status: 'waitlisted', position: 1 })
      const tooLate = await cancel(event.id, memberA)
      expect(tooLate.statusCode).toBe(422)
      expect(tooLate.json().error.code).toBe('CANCEL_DEADLINE_PASSED')
      const leave = await cancel(event.id, memberB)
      expect(leave.statusCode).toBe(200)
      expect(await detail(event.id, memberA)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 })
    })

    it('lists my signups, upcoming first, with the waitlist position', async () => {
      const [me] = await addMembers(t.app, 1, { branchId: branchA })
      const headers = tokenFor(t.app, me!)
      const later = await create(parkAdmin, { startsAt: inHours(200), endsAt: inHours(201) })
      const sooner = await create(parkAdmin, { startsAt: inHours(100), endsAt: inHours(101), capacity: 1 })
      await signUp(sooner.id, memberA2)
      await signUp(later.id, headers)
      await signUp(sooner.id, headers)
      const past = await create(parkAdmin)
      await signUp(past.id, headers)
      await t.app.db
        .updateTable('events')
        .set({
          starts_at: inHours(-30),
          ends_at: inHours(-28),
          signup_deadline: inHours(-30),
          cancel_deadline: inHours(-32),
        })
        .where('id', '=', past.id)
        .execute()

      const mine = (await get('/api/me/signups', headers)).json<MySignupPage>()
      expect(mine.items.map((item) => item.event.id)).toEqual([sooner.id, later.id, past.id])
      expect(mine.items[0]).toMatchObject({ status: 'waitlisted', position: 1 })
      expect(mine.items[1]).toMatchObject({ status: 'confirmed' })
      expect(mine.items[1]).not.toHaveProperty('position')
      expect(mine.items[2]!.event.status).toBe('ended')

      const pageOne = (await get('/api/me/signups?limit=2', headers)).json<MySignupPage>()
      expect(pageOne.items).toHaveLength(2)
      const pageTwo = (
        await get(`/api/me/signups?limit=2&cursor=${encodeURIComponent(pageOne.nextCursor!)}`, headers)
      ).json<MySignupPage>()
      expect(pageTwo.items.map((item) => item.event.id)).toEqual([past.id])
      expect(pageTwo.nextCursor).toBeNull()

      await cancel(later.id, headers)
      const afterCancel = (await get('/api/me/signups', headers)).json<MySignupPage>()
      expect(afterCancel.items.map((item) => item.event.id)).toEqual([sooner.id, past.id])
    })
  })

  describe('organising', () => {
    it('lets a secretary create for their own branch only, and a park admin anywhere', async () => {
      expect((await create(secretaryA)).branch?.id).toBe(branchA)
      const forB = await send('POST', '/api/events', secretaryA, draft({ branchId: branchB }))
      expect(forB.statusCode).toBe(403)
      expect(forB.json().error.code).toBe('FORBIDDEN')
      const parkWide = await send('POST', '/api/events', secretaryA, draft({ branchId: null }))
      expect(parkWide.statusCode).toBe(403)
      const byMember = await send('POST', '/api/events', memberA, draft())
      expect(byMember.statusCode).toBe(403)
      expect(byMember.json().error.code).toBe('FORBIDDEN')

      expect((await create(parkAdmin)).branch).toBeNull()
      expect((await create(parkAdmin, { branchId: null })).branch).toBeNull()
      expect((await create(parkAdmin, { branchId: branchB })).branch?.id).toBe(branchB)
      const unknownBranch = await send('POST', '/api/events', parkAdmin, draft({ branchId: 99999 }))
      expect(unknownBranch.statusCode).toBe(400)
      expect(unknownBranch.json().error.message).toContain('branchId')
    })

    it('refuses an event whose start has passed, to the second, when created or moved', async () => {
      const startingAt = (ms: number) =>
        send('POST', '/api/events', parkAdmin, draft({ startsAt: iso(ms), endsAt: inHours(3) }))
      const past = await startingAt(clock - SECOND)
      expect(past.statusCode).toBe(400)
      expect(past.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('startsAt'),
      })
      const soon = await startingAt(clock + SECOND)
      expect(soon.statusCode).toBe(201)
      const event = soon.json<EventDetail>()
      const moved = await send('PATCH', `/api/events/${event.id}`, parkAdmin, {
        startsAt: iso(clock - SECOND),
      })
      expect(moved.statusCode).toBe(400)
      expect(moved.json().error.message).toContain('startsAt')
      // Once it has begun, the rest of it can still be edited (the form sends the start as it was).
      clock += 2 * SECOND
      const renamed = await send('PATCH', `/api/events/${event.id}`, parkAdmin, {
        title: '青创沙龙:改期说明',
        startsAt: event.startsAt,
      })
      expect(renamed.statusCode).toBe(200)
    })

    it('lets only the organiser edit, cancel and see attendees', async () => {
      const own = await create(secretaryA)
      const parkWide = await create(parkAdmin)
      const ofB = await create(parkAdmin, { branchId: branchB })
      const cases: Array<[Headers, number, number]> = [
        [memberA, own.id, 403],
        [secretaryA, parkWide.id, 403],
        [secretaryA, ofB.id, 404],
      ]
      for (const [headers, id, status] of cases) {
        expect((await send('PATCH', `/api/events/${id}`, headers, { title: '改名' })).statusCode).toBe(status)
        expect((await get(`/api/events/${id}/attendees`, headers)).statusCode).toBe(status)
        expect((await send('DELETE', `/api/events/${id}`, headers)).statusCode).toBe(status)
      }
      const edited = await send('PATCH', `/api/events/${own.id}`, secretaryA, { title: '  改名后的活动 ' })
      expect(edited.statusCode).toBe(200)
      expect(edited.json<EventDetail>().title).toBe('改名后的活动')
      expect(
        (await send('PATCH', `/api/events/${ofB.id}`, parkAdmin, { venue: '园区党群服务中心' })).statusCode,
      ).toBe(200)
    })

    it('raises capacity by promoting the waitlist in order, and never lowers it below the confirmed', async () => {
      const event = await create(parkAdmin, { capacity: 1 })
      const members = await addMembers(t.app, 4)
      for (const id of members) expect((await signUp(event.id, tokenFor(t.app, id))).statusCode).toBe(201)

      const lower = await send('PATCH', `/api/events/${event.id}`, parkAdmin, { capacity: 0 })
      expect(lower.statusCode).toBe(400)
      const raised = await send('PATCH', `/api/events/${event.id}`, parkAdmin, { capacity: 3 })
      expect(raised.statusCode).toBe(200)
      expect(raised.json()).toMatchObject({
        capacity: 3,
        confirmedCount: 3,
        waitlistCount: 1,
        status: 'full',
      })
      const attendees = (await get(`/api/events/${event.id}/attendees`, parkAdmin)).json<AttendeeList>()
      expect(attendees.items.map((item) => [item.member.id, item.status, item.position])).toEqual([
        [members[0], 'confirmed', undefined],
        [members[1], 'confirmed', undefined],
        [members[2], 'confirmed', undefined],
        [members[3], 'waitlisted', 1],
      ])
      const below = await send('PATCH', `/api/events/${event.id}`, parkAdmin, { capacity: 2 })
      expect(below.statusCode).toBe(422)
      expect(below.json().error.code).toBe('CAPACITY_BELOW_CONFIRMED')
    })

    it('moves default deadlines along with the start, and checks the dates of an edit', async () => {
      const event = await create(parkAdmin)
      const startsAt = inHours(30)
      const moved = await send('PATCH', `/api/events/${event.id}`, parkAdmin, { startsAt })
      expect(moved.statusCode).toBe(200)
      expect(moved.json()).toMatchObject({
        startsAt,
        signupDeadline: startsAt,
        cancelDeadline: new Date(Date.parse(startsAt) - 2 * HOUR).toISOString(),
      })
      const backwards = await send('PATCH', `/api/events/${event.id}`, parkAdmin, { endsAt: inHours(29) })
      expect(backwards.statusCode).toBe(400)
      expect(backwards.json().error.message).toContain('endsAt')
    })

    it('cancels an event: members are told, it shows as cancelled and takes no more signups', async () => {
      const event = await create(secretaryA, { capacity: 1 })
      await signUp(event.id, memberA)
      await signUp(event.id, memberA2)
      const response = await send('DELETE', `/api/events/${event.id}`, secretaryA)
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ id: event.id, status: 'cancelled' })
      for (const headers of [memberA, memberA2]) {
        const notices = (await get('/api/me/notifications', headers)).json<NotificationPage>()
        expect(notices.items[0]).toMatchObject({ kind: 'event_cancelled', eventId: event.id })
        expect(notices.items[0]!.body).toContain(event.title)
      }
      const listed = (await readAll('/api/events', memberA, 50)).find((item) => item.id === event.id)
      expect(listed?.status).toBe('cancelled')
      const late = await signUp(event.id, memberB)
      expect(late.statusCode).toBe(404) // another branch: still invisible
      const [newcomer] = await addMembers(t.app, 1, { branchId: branchA })
      const refused = await signUp(event.id, tokenFor(t.app, newcomer!))
      expect(refused.statusCode).toBe(422)
      expect(refused.json().error.code).toBe('SIGNUP_CLOSED')
      const edit = await send('PATCH', `/api/events/${event.id}`, secretaryA, { capacity: 5 })
      expect(edit.statusCode).toBe(422)
      // Cancelling again changes nothing and tells no one twice.
      expect((await send('DELETE', `/api/events/${event.id}`, secretaryA)).statusCode).toBe(200)
      const notices = (await get('/api/me/notifications', memberA)).json<NotificationPage>()
      expect(notices.items.filter((item) => item.eventId === event.id)).toHaveLength(1)
      // The signups are kept for the record.
      const attendees = (await get(`/api/events/${event.id}/attendees`, secretaryA)).json<AttendeeList>()
      expect(attendees.items).toHaveLength(2)
    })
  })

  it('pages my notifications, newest first', async () => {
    const [me] = await addMembers(t.app, 1, { branchId: branchA })
    const headers = tokenFor(t.app, me!)
    for (let i = 0; i < 3; i++) {
      const event = await create(secretaryA, { title: `将取消的活动${i}` })
      await signUp(event.id, headers)
      await send('DELETE', `/api/events/${event.id}`, secretaryA)
    }
    const first = (await get('/api/me/notifications?limit=2', headers)).json<NotificationPage>()
    expect(first.items.map((item) => item.title)).toEqual(['活动取消通知', '活动取消通知'])
    expect(first.items[0]!.body).toContain('将取消的活动2')
    const rest = (
      await get(`/api/me/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`, headers)
    ).json<NotificationPage>()
    expect(rest.nextCursor).toBeNull()
    expect(rest.items).toHaveLength(1)
    expect(rest.items[0]!.body).toContain('将取消的活动0')
  })

  describe('attendees', () => {
    it('exports a CSV that Excel opens and that cannot smuggle in formulas', async () => {
      const event = await create(secretaryA, { title: '导出/测试', capacity: 2 })
      const names = ['=HYPERLINK("http://evil.example","点我")', '+86 123', '-1+1', '@SUM(A1)', '张三,李四']
      const ids = await addMembers(t.app, names.length, { branchId: branchA, name: (n) => names[n]! })
      for (const id of ids) await signUp(event.id, tokenFor(t.app, id))
      await t.app.db
        .updateTable('event_signups')
        .set({ checked_in_at: '2026-11-24T06:05:00.000Z' })
        .where('user_id', '=', ids[0]!)
        .execute()

      const json = (await get(`/api/events/${event.id}/attendees`, secretaryA)).json<AttendeeList>()
      expect(json.nextCursor).toBeNull()
      expect(json.items[0]).toEqual({
        member: { id: ids[0], name: names[0], branch: { id: branchA, name: expect.any(String) } },
        status: 'confirmed',
        signedUpAt: expect.any(String),
        checkedInAt: '2026-11-24T06:05:00.000Z',
      })

      const response = await get(`/api/events/${event.id}/attendees?format=csv`, secretaryA)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(String(response.headers['content-disposition'])).toMatch(
        /^attachment; filename="event-\d+-attendees\.csv"; filename\*=UTF-8''/,
      )
      expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
      const lines = response.body.replace(/^\uFEFF/, '').split('\r\n')
      expect(lines[0]).toBe('姓名,支部,状态,候补位次,报名时间,签到时间')
      expect(lines).toHaveLength(names.length + 2) // header, rows, trailing empty line
      const branchName = json.items[0]!.member.branch!.name
      expect(lines[1]).toMatch(
        new RegExp(
          `^"'=HYPERLINK\\(""http://evil.example"",""点我""\\)",${branchName},已报名,,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,2026-11-24 14:05$`,
        ),
      )
      expect(lines[2]).toMatch(/^'\+86 123,.*,已报名,,/)
      expect(lines[3]).toMatch(/^'-1\+1,.*,候补,1,/)
      expect(lines[4]).toMatch(/^'@SUM\(A1\),.*,候补,2,/)
      expect(lines[5]).toMatch(/^"张三,李四",.*,候补,3,/)
    })
  })

  describe('validation', () => {
    it('names the failing field of a bad event', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ foo: 1 }, 'foo'],
        [{ category: 'party' }, 'category'],
        [{ startsAt: 'tomorrow' }, 'startsAt'],
        [{ endsAt: inHours(71) }, 'endsAt'],
        [{ endsAt: inHours(72) }, 'endsAt'],
        [{ signupDeadline: inHours(73) }, 'signupDeadline'],
        [{ cancelDeadline: inHours(80) }, 'cancelDeadline'],
        [{ capacity: 0 }, 'capacity'],
        [{ capacity: 1.5 }, 'capacity'],
        [{ title: '   ' }, 'title'],
        [{ title: '长'.repeat(101) }, 'title'],
        [{ startsAt: inHours(-30), endsAt: inHours(-28) }, 'startsAt'],
        [{ branchId: 'x' }, 'branchId'],
      ]
      for (const [overrides, field] of cases) {
        const response = await send('POST', '/api/events', parkAdmin, draft(overrides))
        expect(response.statusCode).toBe(400)
        expect(response.json().error).toEqual({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining(field),
        })
      }
      const missing = await send('POST', '/api/events', parkAdmin, { title: 'x' })
      expect(missing.statusCode).toBe(400)
      const empty = await send('PATCH', '/api/events/1', parkAdmin, {})
      expect(empty.statusCode).toBe(400)
    })

    it('rejects bad queries, forged cursors and bad ids with 400, never 500', async () => {
      for (const url of [
        '/api/events?when=soon',
        '/api/events?category=party',
        '/api/events?page=2',
        '/api/events?limit=51',
        '/api/events?cursor=nonsense',
        `/api/events?cursor=${Buffer.from('["upcoming","x",1]').toString('base64url')}`,
        `/api/events?when=past&cursor=${Buffer.from('["upcoming","2026-11-24T06:00:00.000Z",1]').toString('base64url')}`,
        '/api/events/abc',
        '/api/events/0/attendees',
        '/api/events/1/attendees?format=xlsx',
        '/api/me/signups?cursor=nonsense',
        '/api/me/notifications?cursor=nonsense',
      ]) {
        const response = await get(url, parkAdmin)
        expect([url, response.statusCode]).toEqual([url, 400])
        expect(response.json().error.code).toBe('VALIDATION_FAILED')
      }
      const unauthenticated = await t.app.inject({ method: 'POST', url: '/api/events/1/signup' })
      expect(unauthenticated.statusCode).toBe(401)
    })
  })

  it('keeps the seeded events within a few weeks of now', async () => {
    const all = await readAll('/api/events', parkAdmin, 50)
    for (const event of all) {
      expect(Date.parse(event.startsAt) - clock).toBeLessThan(60 * DAY)
    }
  })
})
