import type { CourseDetail, Material, Session, SessionsCreated } from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

type Headers = Record<string, string>

/** The park day (Asia/Shanghai) of an instant, `2026-12-02`. */
const parkDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10)

describe.each(databases)('organising courses on $name', (database) => {
  let t: TestApp
  let clock = 0
  const inHours = (hours: number) => new Date(clock + hours * HOUR).toISOString()
  let branchA: number
  let branchB: number
  let memberA: Headers
  let secretaryA: Headers
  let secretaryB: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    clock = Date.now()
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    memberA = tokenFor(t.app, people.memberOf(branchA).id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    secretaryB = tokenFor(t.app, people.secretaryOf(branchB).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const codeOf = (response: { json: () => { error: { code: string } } }) => response.json().error.code

  const session = (hours: number) => ({
    startsAt: inHours(hours),
    endsAt: inHours(hours + 2),
    venue: '党群服务中心',
    lecturer: '郑老师',
  })
  const createCourse = async (headers: Headers, fields: Record<string, unknown> = {}) => {
    const response = await send('POST', '/api/courses', headers, {
      title: '青年党员读书班',
      description: '每周一次,共读一本书',
      capacity: 20,
      sessions: [session(24)],
      ...fields,
    })
    expect(response.statusCode).toBe(201)
    return response.json<CourseDetail>()
  }

  it('creates a course with its weekly sessions in one go, enrolment closed if asked', async () => {
    const from = parkDay(clock + 2 * DAY)
    const response = await send('POST', '/api/courses', secretaryA, {
      title: '党史学习小组',
      description: '',
      capacity: 30,
      enrolmentOpen: false,
      recurrence: {
        weekday: 3,
        time: '19:00',
        from,
        count: 6,
        durationMinutes: 90,
        venue: '创新驿站路演厅',
        lecturer: '林老师',
      },
    })
    expect(response.statusCode).toBe(201)
    const course = response.json<CourseDetail>()
    expect(course).toMatchObject({
      branch: { id: branchA },
      enrolmentOpen: false,
      status: 'closed',
      sessionCount: 6,
    })
    const starts = course.sessions.map((s) => Date.parse(s.startsAt))
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(7 * DAY)
    // Every one is a Wednesday at 19:00 park time, 90 minutes long.
    for (const s of course.sessions) {
      const park = new Date(Date.parse(s.startsAt) + 8 * HOUR)
      expect([park.getUTCDay(), park.getUTCHours(), park.getUTCMinutes()]).toEqual([3, 19, 0])
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(90 * 60 * 1000)
      expect(s).toMatchObject({ venue: '创新驿站路演厅', lecturer: '林老师', cancelledAt: null })
    }
    // Closed enrolment refuses members.
    const enrol = await send('POST', `/api/courses/${course.id}/enroll`, memberA)
    expect(enrol.statusCode).toBe(422)
    expect(codeOf(enrol)).toBe('ENROLMENT_CLOSED')
  })

  it('takes either sessions or a rule, not both or neither', async () => {
    const base = { title: '课', description: '', capacity: 5 }
    const rule = {
      weekday: 1,
      time: '09:00',
      from: parkDay(clock + DAY),
      count: 2,
      durationMinutes: 60,
      venue: 'A',
      lecturer: 'B',
    }
    for (const body of [base, { ...base, sessions: [session(24)], recurrence: rule }]) {
      const response = await send('POST', '/api/courses', secretaryA, body)
      expect(response.statusCode).toBe(400)
      expect(codeOf(response)).toBe('VALIDATION_FAILED')
    }
    const badTime = await send('POST', '/api/courses', secretaryA, {
      ...base,
      recurrence: { ...rule, time: '25:00' },
    })
    expect(badTime.statusCode).toBe(400)
    const past = await send('POST', '/api/courses', secretaryA, {
      ...base,
      recurrence: { ...rule, from: parkDay(clock - 30 * DAY), weekday: 1, count: 1 },
    })
    expect(past.statusCode).toBe(400)
    expect(past.json().error.message).toMatch(/已过/)
  })

  it('edits a course: title, description, capacity, enrolment open or closed', async () => {
    const course = await createCourse(secretaryA)
    const closed = await send('PATCH', `/api/courses/${course.id}`, secretaryA, {
      title: '  青年党员读书班(第二期) ',
      capacity: 25,
      enrolmentOpen: false,
    })
    expect(closed.statusCode).toBe(200)
    expect(closed.json<CourseDetail>()).toMatchObject({
      title: '青年党员读书班(第二期)',
      capacity: 25,
      enrolmentOpen: false,
      status: 'closed',
    })
    const reopened = await send('PATCH', `/api/courses/${course.id}`, secretaryA, { enrolmentOpen: true })
    expect(reopened.json<CourseDetail>().status).toBe('open')
    expect((await send('POST', `/api/courses/${course.id}/enroll`, memberA)).statusCode).toBe(201)
    // Not below the members already enrolled.
    const tooFew = await send('PATCH', `/api/courses/${course.id}`, secretaryA, { capacity: 0 })
    expect(tooFew.statusCode).toBe(400)
    // Two more members take places (straight in the table: the seed has one member per test branch here).
    await t.app.db.updateTable('courses').set({ enrolled_count: 3 }).where('id', '=', course.id).execute()
    const below = await send('PATCH', `/api/courses/${course.id}`, secretaryA, { capacity: 2 })
    expect(below.statusCode).toBe(422)
    expect(codeOf(below)).toBe('CAPACITY_BELOW_ENROLLED')
  })

  it('refuses other branches, members, unknown fields and empty patches', async () => {
    const course = await createCourse(secretaryA)
    const parkCourse = await createCourse(parkAdmin, { branchId: null })
    // Another branch's course does not exist for its secretary; a park course is the park's.
    const other = await send('PATCH', `/api/courses/${course.id}`, secretaryB, { title: 'x' })
    expect([other.statusCode, codeOf(other)]).toEqual([404, 'NOT_FOUND'])
    const park = await send('PATCH', `/api/courses/${parkCourse.id}`, secretaryA, { title: 'x' })
    expect([park.statusCode, codeOf(park)]).toEqual([403, 'FORBIDDEN'])
    const member = await send('PATCH', `/api/courses/${course.id}`, memberA, { title: 'x' })
    expect([member.statusCode, codeOf(member)]).toEqual([403, 'FORBIDDEN'])
    for (const body of [{}, { branchId: branchB }, { title: '   ' }, { capacity: '5' }]) {
      const response = await send('PATCH', `/api/courses/${course.id}`, secretaryA, body)
      expect([response.statusCode, codeOf(response)]).toEqual([400, 'VALIDATION_FAILED'])
    }
    expect((await send('PATCH', '/api/courses/999999', parkAdmin, { title: 'x' })).statusCode).toBe(404)
    // The park admin runs every course.
    expect((await send('PATCH', `/api/courses/${course.id}`, parkAdmin, { title: '改名' })).statusCode).toBe(
      200,
    )
  })

  it('adds a session, and a weekly series of sessions, to a course', async () => {
    const course = await createCourse(secretaryA)
    const added = await send('POST', `/api/courses/${course.id}/sessions`, secretaryA, session(72))
    expect(added.statusCode).toBe(201)
    expect(added.json<Session>()).toMatchObject({
      startsAt: inHours(72),
      venue: '党群服务中心',
      cancelledAt: null,
    })

    const weekly = await send('POST', `/api/courses/${course.id}/sessions/weekly`, secretaryA, {
      weekday: 5,
      time: '14:30',
      from: parkDay(clock + 4 * DAY),
      count: 3,
      durationMinutes: 120,
      venue: '三楼会议室',
      lecturer: '陈老师',
    })
    expect(weekly.statusCode).toBe(201)
    const { items } = weekly.json<SessionsCreated>()
    expect(items).toHaveLength(3)
    const detail = (await send('GET', `/api/courses/${course.id}`, secretaryA)).json<CourseDetail>()
    expect(detail.sessionCount).toBe(5)
    expect(detail.sessions.map((s) => s.startsAt)).toEqual([...detail.sessions.map((s) => s.startsAt)].sort())

    const bad = await send('POST', `/api/courses/${course.id}/sessions`, secretaryA, {
      ...session(72),
      endsAt: inHours(71),
    })
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'VALIDATION_FAILED'])
    const past = await send('POST', `/api/courses/${course.id}/sessions`, secretaryA, session(-5))
    expect(past.statusCode).toBe(400)
    const tooMany = await send('POST', `/api/courses/${course.id}/sessions/weekly`, secretaryA, {
      weekday: 5,
      time: '14:30',
      from: parkDay(clock + 4 * DAY),
      count: 53,
      durationMinutes: 120,
      venue: 'A',
      lecturer: 'B',
    })
    expect(tooMany.statusCode).toBe(400)
    for (const [headers, status] of [
      [secretaryB, 404],
      [memberA, 403],
    ] as const) {
      expect(
        (await send('POST', `/api/courses/${course.id}/sessions`, headers, session(80))).statusCode,
      ).toBe(status)
    }
  })

  it('adds study materials with their reading time', async () => {
    const course = await createCourse(secretaryA)
    const body = `# 一、为什么读\n${'学'.repeat(650)}\n第二段`
    const response = await send('POST', `/api/courses/${course.id}/materials`, secretaryA, {
      title: ' 导读 ',
      body,
    })
    expect(response.statusCode).toBe(201)
    expect(response.json<Material>()).toMatchObject({
      title: '导读',
      courseId: course.id,
      readMinutes: 3,
      body,
    })
    const detail = (await send('GET', `/api/courses/${course.id}`, memberA)).json<CourseDetail>()
    expect(detail.materials.map((m) => m.title)).toEqual(['导读'])
    for (const bad of [{ title: '导读' }, { title: '', body: 'x' }, { title: 'a', body: 'b', extra: 1 }]) {
      const refused = await send('POST', `/api/courses/${course.id}/materials`, secretaryA, bad)
      expect([refused.statusCode, codeOf(refused)]).toEqual([400, 'VALIDATION_FAILED'])
    }
    expect(
      (await send('POST', `/api/courses/${course.id}/materials`, secretaryB, { title: 'a', body: 'b' }))
        .statusCode,
    ).toBe(404)
    expect(
      (await send('POST', `/api/courses/${course.id}/materials`, memberA, { title: 'a', body: 'b' }))
        .statusCode,
    ).toBe(403)
  })
})
