import type {
  Course,
  CourseDetail,
  CoursePage,
  Material,
  SessionAttendance,
} from '../../../../server/src/schemas'
import { seedIfEmpty } from '../../../../server/src/db/seed'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Headers = Record<string, string>

describe.each(databases)('courses on $name', (database) => {
  let t: TestApp
  let clock = 0
  const iso = (ms: number) => new Date(ms).toISOString()
  const inHours = (hours: number) => iso(clock + hours * HOUR)

  let branchA: number
  let branchB: number
  let memberA: Headers
  let memberB: Headers
  let secretaryA: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    clock = Date.now()
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    memberA = tokenFor(t.app, people.memberOf(branchA).id)
    memberB = tokenFor(t.app, people.memberOf(branchB).id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const post = (url: string, headers: Headers, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers, payload })
  const errorOf = (response: { json: () => { error: { code: string; message: string } } }) =>
    response.json().error

  const draft = (overrides: Record<string, unknown> = {}) => ({
    title: '支部书记轮训班',
    description: '课程介绍',
    capacity: 30,
    sessions: [
      { startsAt: inHours(48), endsAt: inHours(50), venue: '党群服务中心', lecturer: '郑老师' },
      { startsAt: inHours(24), endsAt: inHours(26), venue: '创新驿站路演厅', lecturer: '林老师' },
    ],
    ...overrides,
  })
  const create = async (headers: Headers, overrides: Record<string, unknown> = {}) => {
    const response = await post('/api/courses', headers, draft(overrides))
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    return response.json<CourseDetail>()
  }

  async function readAll(headers: Headers, limit: number): Promise<Course[]> {
    const items: Course[] = []
    let cursor: string | null = null
    for (let page = 0; page < 100; page++) {
      const response = await get(
        `/api/courses?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      )
      expect(response.statusCode).toBe(200)
      const body = response.json<CoursePage>()
      items.push(...body.items)
      cursor = body.nextCursor
      if (!cursor) return items
    }
    throw new Error('pagination never ended')
  }

  describe('the demo courses', () => {
    it('lists the training and the study course in the documented shape', async () => {
      const { items } = (await get('/api/courses', memberA)).json<CoursePage>()
      const training = items.find((course) => course.title === '党务工作者培训班')
      const study = items.find((course) => course.title === '学习贯彻党的二十大精神专题')
      expect(training).toMatchObject({ kind: 'training', branch: null, sessionCount: 3 })
      expect(study).toMatchObject({ kind: 'study', branch: null })
      expect(Object.keys(training!).sort()).toEqual(
        [
          'branch',
          'canManage',
          'capacity',
          'description',
          'enrolledCount',
          'enrolled',
          'enrolmentOpen',
          'id',
          'kind',
          'nextSessionAt',
          'sessionCount',
          'status',
          'title',
        ].sort(),
      )
      expect(training!.enrolledCount).toBeGreaterThanOrEqual(30)
      expect(training!.enrolledCount).toBeLessThanOrEqual(training!.capacity)
    })

    it('has a training session whose sign-in is open as the demo starts, one past, one next week', async () => {
      const { items } = (await get('/api/courses', memberA)).json<CoursePage>()
      const id = items.find((course) => course.title === '党务工作者培训班')!.id
      const detail = (await get(`/api/courses/${id}`, memberA)).json<CourseDetail>()
      const starts = detail.sessions.map((session) => Date.parse(session.startsAt) - clock)
      expect(starts[0]).toBeLessThan(-DAY)
      expect(starts[1]).toBeGreaterThan(5 * MINUTE)
      expect(starts[1]).toBeLessThanOrEqual(11 * MINUTE)
      expect(starts[2]).toBeGreaterThan(5 * DAY)
      expect(detail.sessions[1]).toMatchObject({ myAttendance: null })
      expect(detail.canManage).toBe(false)

      // The past session has its attendance: every kind of entry.
      const report = (
        await get(`/api/sessions/${detail.sessions[0]!.id}/attendance`, parkAdmin)
      ).json<SessionAttendance>()
      for (const list of [report.present, report.late, report.leave, report.absent]) {
        expect(list.length).toBeGreaterThan(0)
      }
      expect(report.present.some((entry) => entry.offline)).toBe(true)
      const counted = report.present.length + report.late.length + report.leave.length + report.absent.length
      const course = await t.app.db
        .selectFrom('courses')
        .select('enrolled_count')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(counted).toBe(course.enrolled_count)
    })

    it('has study materials to read, several paragraphs each', async () => {
      const { items } = (await get('/api/courses', memberB)).json<CoursePage>()
      const id = items.find((course) => course.kind === 'study')!.id
      const detail = (await get(`/api/courses/${id}`, memberB)).json<CourseDetail>()
      expect(detail.materials.length).toBeGreaterThanOrEqual(3)
      for (const summary of detail.materials) {
        expect(summary.readMinutes).toBeGreaterThanOrEqual(4)
        expect(summary.readMinutes).toBeLessThanOrEqual(8)
        const response = await get(`/api/materials/${summary.id}`, memberB)
        expect(response.statusCode).toBe(200)
        const material = response.json<Material>()
        expect(material).toMatchObject({ ...summary, courseId: id })
        expect(material.body.split('\n').length).toBeGreaterThanOrEqual(4)
      }
    })
  })

  describe('browsing', () => {
    it('shows running and coming courses first (soonest first), then finished ones, page by page', async () => {
      const soon = await create(parkAdmin, {
        title: '马上开始的课程',
        sessions: [{ startsAt: inHours(1), endsAt: inHours(2), venue: '路演厅', lecturer: '黄老师' }],
      })
      // Two finished courses, written straight to the database (the API takes future sessions only).
      const admin = (await seededPeople(t.app)).parkAdmins[0]!.id
      for (const daysAgo of [30, 20]) {
        await t.app.db
          .insertInto('courses')
          .values({
            title: `${daysAgo}天前结束的课程`,
            kind: 'study',
            branch_id: null,
            capacity: 10,
            starts_at: iso(clock - daysAgo * DAY - HOUR),
            ends_at: iso(clock - daysAgo * DAY),
            created_by: admin,
            created_at: iso(clock - 40 * DAY),
          })
          .execute()
      }
      const all = await readAll(memberA, 2)
      const ids = all.map((course) => course.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids).toContain(soon.id)
      const running = all.filter((course) => course.nextSessionAt !== null)
      const firsts = await t.app.db
        .selectFrom('courses')
        .select(['id', 'starts_at'])
        .where(
          'id',
          'in',
          running.map((course) => course.id),
        )
        .execute()
      const startOf = new Map(firsts.map((row) => [row.id, row.starts_at]))
      const order = running.map((course) => startOf.get(course.id)!)
      expect(order).toEqual([...order].sort())
      // Finished courses come after every running one, the latest finished first.
      const firstPast = all.findIndex((course) => course.nextSessionAt === null)
      expect(all.slice(firstPast).every((course) => course.nextSessionAt === null)).toBe(true)
      expect(all.slice(firstPast, firstPast + 2).map((course) => course.title)).toEqual([
        '20天前结束的课程',
        '30天前结束的课程',
      ])

      const bad = await get('/api/courses?cursor=bm9wZQ', memberA)
      expect(bad.statusCode).toBe(400)
      expect(errorOf(bad).code).toBe('VALIDATION_FAILED')
    })

    it('shows park-wide courses and the own branch’s, never another branch’s', async () => {
      const own = await create(secretaryA, { title: 'A支部学习课程', kind: 'study' })
      expect(own.branch?.id).toBe(branchA)
      expect((await readAll(memberA, 50)).some((course) => course.id === own.id)).toBe(true)
      const listB = await readAll(memberB, 50)
      expect(listB.some((course) => course.id === own.id)).toBe(false)
      expect(listB.every((course) => course.branch === null || course.branch.id === branchB)).toBe(true)
      for (const response of [
        await get(`/api/courses/${own.id}`, memberB),
        await post(`/api/courses/${own.id}/enroll`, memberB),
        await get(`/api/sessions/${own.sessions[0]!.id}`, memberB),
        await get('/api/courses/999999', memberA),
      ]) {
        expect(response.statusCode).toBe(404)
        expect(errorOf(response).code).toBe('NOT_FOUND')
      }
    })

    it('hides another branch’s materials', async () => {
      const own = await create(secretaryA, { title: 'A支部资料课程', kind: 'study' })
      const { id } = await t.app.db
        .insertInto('materials')
        .values({ course_id: own.id, title: '支部内部学习材料', summary: '', body: '正文', read_minutes: 5 })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect((await get(`/api/materials/${id}`, memberA)).statusCode).toBe(200)
      expect((await get(`/api/materials/${id}`, memberB)).statusCode).toBe(404)
      expect((await get('/api/materials/999999', memberA)).statusCode).toBe(404)
      expect((await get(`/api/materials/${id}`, {})).statusCode).toBe(401)
    })
  })

  describe('creating', () => {
    it('creates a course with its sessions in time order', async () => {
      const response = await post('/api/courses', secretaryA, draft())
      expect(response.statusCode).toBe(201)
      const course = response.json<CourseDetail>()
      expect(course).toMatchObject({
        title: '支部书记轮训班',
        kind: 'training',
        description: '课程介绍',
        branch: { id: branchA },
        capacity: 30,
        enrolledCount: 0,
        enrolled: false,
        sessionCount: 2,
        nextSessionAt: inHours(24),
        status: 'open',
        materials: [],
        canManage: true,
      })
      // The list says so too: 签到管理 offers the courses the server says the viewer runs.
      const listed = async (headers: typeof secretaryA) =>
        (await get('/api/courses?limit=50', headers)).json<CoursePage>().items.find((c) => c.id === course.id)
      expect((await listed(secretaryA))?.canManage).toBe(true)
      expect((await listed(memberA))?.canManage).toBe(false)
      expect(course.sessions).toEqual([
        {
          id: expect.any(Number),
          startsAt: inHours(24),
          endsAt: inHours(26),
          venue: '创新驿站路演厅',
          lecturer: '林老师',
          myAttendance: null,
          checkinOpensAt: iso(clock + 24 * HOUR - 30 * MINUTE),
          checkinStatus: 'not_open',
          cancelledAt: null,
          cancelReason: null,
        },
        {
          id: expect.any(Number),
          startsAt: inHours(48),
          endsAt: inHours(50),
          venue: '党群服务中心',
          lecturer: '郑老师',
          myAttendance: null,
          checkinOpensAt: iso(clock + 48 * HOUR - 30 * MINUTE),
          checkinStatus: 'not_open',
          cancelledAt: null,
          cancelReason: null,
        },
      ])
      const parkWide = await create(parkAdmin, { branchId: null })
      expect(parkWide.branch).toBeNull()
      const forB = await create(parkAdmin, { branchId: branchB })
      expect(forB.branch?.id).toBe(branchB)
    })

    it('lets secretaries create for their own branch only, and members not at all', async () => {
      for (const [headers, overrides] of [
        [secretaryA, { branchId: branchB }],
        [secretaryA, { branchId: null }],
        [memberA, {}],
      ] as Array<[Headers, Record<string, unknown>]>) {
        const response = await post('/api/courses', headers, draft(overrides))
        expect(response.statusCode).toBe(403)
        expect(errorOf(response).code).toBe('FORBIDDEN')
      }
      expect((await post('/api/courses', {}, draft())).statusCode).toBe(401)
    })

    it('validates the body and names the failing field', async () => {
      const session = { startsAt: inHours(24), endsAt: inHours(26), venue: '路演厅', lecturer: '黄老师' }
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ sessions: [{ ...session, endsAt: inHours(24) }] }, 'sessions/0/endsAt'],
        [{ sessions: [session, { ...session, endsAt: inHours(23) }] }, 'sessions/1/endsAt'],
        [{ sessions: [{ ...session, startsAt: inHours(-3), endsAt: inHours(-1) }] }, 'sessions/0/endsAt'],
        [{ sessions: [] }, 'sessions'],
        [{ sessions: [{ ...session, venue: '   ' }] }, 'venue'],
        [{ title: '' }, 'title'],
        [{ title: '   ' }, 'title'],
        [{ capacity: 0 }, 'capacity'],
        [{ kind: 'party' }, 'kind'],
        [{ branchId: 999999 }, 'branchId'],
        [{ sessions: [{ ...session, startsAt: 'tomorrow' }] }, 'startsAt'],
        [{ sessions: [{ ...session, room: '101' }] }, 'room'],
        [{ extra: true }, 'extra'],
      ]
      for (const [overrides, field] of cases) {
        const response = await post('/api/courses', parkAdmin, draft(overrides))
        expect([field, response.statusCode]).toEqual([field, 400])
        expect(errorOf(response).code).toBe('VALIDATION_FAILED')
        expect(errorOf(response).message).toContain(field)
      }
      const { title: _title, ...untitled } = draft()
      const missing = await post('/api/courses', parkAdmin, untitled)
      expect(missing.statusCode).toBe(400)
      expect(errorOf(missing).message).toContain('title')
    })
  })

  describe('enrolling', () => {
    it('enrols until the course is full, once per member', async () => {
      const course = await create(parkAdmin, { capacity: 2 })
      const first = await post(`/api/courses/${course.id}/enroll`, memberA)
      expect(first.statusCode).toBe(201)
      expect(first.json()).toEqual({ courseId: course.id, status: 'enrolled', enrolledCount: 1 })
      const again = await post(`/api/courses/${course.id}/enroll`, memberA)
      expect(again.statusCode).toBe(409)
      expect(errorOf(again).code).toBe('ALREADY_ENROLLED')
      expect((await post(`/api/courses/${course.id}/enroll`, memberB)).statusCode).toBe(201)
      const full = await post(`/api/courses/${course.id}/enroll`, secretaryA)
      expect(full.statusCode).toBe(422)
      expect(errorOf(full).code).toBe('COURSE_FULL')
      const detail = (await get(`/api/courses/${course.id}`, memberA)).json<CourseDetail>()
      expect(detail).toMatchObject({ enrolled: true, enrolledCount: 2 })
      expect((await get(`/api/courses/${course.id}`, secretaryA)).json<CourseDetail>().enrolled).toBe(false)
    })

    it('never overfills under a stampede: exactly capacity enrolled', async () => {
      const course = await create(parkAdmin, { capacity: 20 })
      const crowd = await addMembers(t.app, 60)
      const responses = await Promise.all(
        crowd.map((id) => post(`/api/courses/${course.id}/enroll`, tokenFor(t.app, id))),
      )
      const statuses = responses.map((response) => response.statusCode)
      expect(statuses.filter((status) => status === 201)).toHaveLength(20)
      expect(statuses.filter((status) => status === 422)).toHaveLength(40)
      const counts = responses
        .filter((response) => response.statusCode === 201)
        .map((response) => response.json<{ enrolledCount: number }>().enrolledCount)
        .sort((a, b) => a - b)
      expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      const rows = await t.app.db
        .selectFrom('course_enrolments')
        .select('user_id')
        .where('course_id', '=', course.id)
        .execute()
      expect(rows).toHaveLength(20)
    })

    it('never marks someone absent from a session held before they enrolled, nor rewrites its report', async () => {
      const course = await create(parkAdmin, {
        sessions: [
          { startsAt: inHours(1), endsAt: inHours(2), venue: '路演厅', lecturer: '黄老师' },
          { startsAt: inHours(48), endsAt: inHours(50), venue: '路演厅', lecturer: '黄老师' },
        ],
      })
      const [early, late] = await addMembers(t.app, 2)
      expect((await post(`/api/courses/${course.id}/enroll`, tokenFor(t.app, early!))).statusCode).toBe(201)
      const first = course.sessions[0]!.id
      const report = async () =>
        (await get(`/api/sessions/${first}/attendance`, parkAdmin)).json<SessionAttendance>()
      // The first session ends; one second later the second member enrols.
      clock += 2 * HOUR
      const before = (await report()).absent.map((entry) => entry.member.id)
      expect(before).toEqual([early])
      clock += 1000
      expect((await post(`/api/courses/${course.id}/enroll`, tokenFor(t.app, late!))).statusCode).toBe(201)

      const mine = async (id: number) =>
        (await get(`/api/courses/${course.id}`, tokenFor(t.app, id))).json<CourseDetail>().sessions
      expect((await mine(early!)).map((session) => session.myAttendance)).toEqual(['absent', null])
      expect((await mine(late!)).map((session) => session.myAttendance)).toEqual([null, null])
      expect((await report()).absent.map((entry) => entry.member.id)).toEqual(before)

      // Enrolled before the second session ended: expected there, absent once it is over.
      clock += 48 * HOUR
      expect((await mine(late!)).map((session) => session.myAttendance)).toEqual([null, 'absent'])
    })

    it('refuses enrolment once the course has ended', async () => {
      const course = await create(parkAdmin, {
        sessions: [{ startsAt: inHours(1), endsAt: inHours(2), venue: '路演厅', lecturer: '黄老师' }],
      })
      clock += 3 * HOUR
      const response = await post(`/api/courses/${course.id}/enroll`, memberA)
      expect(response.statusCode).toBe(422)
      expect(errorOf(response).code).toBe('COURSE_ENDED')
    })
  })
})

describe.each(databases)('demo courses seed on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database)
  })
  afterAll(() => t.close())

  it('adds the demo courses to a demo park seeded before they existed, once', async () => {
    const db = t.app.db
    const courses = async () =>
      (await db.selectFrom('courses').select('title').orderBy('id').execute()).map((c) => c.title)
    expect(await courses()).toEqual(['党务工作者培训班', '学习贯彻党的二十大精神专题'])
    expect(await seedIfEmpty(db)).toBe(false)
    for (const table of [
      'checkins',
      'materials',
      'course_enrolments',
      'course_sessions',
      'courses',
    ] as const) {
      await db.deleteFrom(table).execute()
    }
    expect(await seedIfEmpty(db)).toBe(true)
    expect(await courses()).toEqual(['党务工作者培训班', '学习贯彻党的二十大精神专题'])
    expect(await seedIfEmpty(db)).toBe(false)
    const enrolled = await db.selectFrom('courses').select(['id', 'enrolled_count', 'capacity']).execute()
    for (const course of enrolled) {
      const rows = await db
        .selectFrom('course_enrolments')
        .select('user_id')
        .where('course_id', '=', course.id)
        .execute()
      expect(rows).toHaveLength(course.enrolled_count)
      expect(course.enrolled_count).toBeLessThanOrEqual(course.capacity)
    }
  })
})
