import type { CourseDetail, SessionPage, SessionListItem } from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

type Headers = Record<string, string>

describe.each(databases)('lists of sessions on $name', (database) => {
  let t: TestApp
  let clock = 0
  const iso = (ms: number) => new Date(ms).toISOString()
  let branchA: number
  let parkAdmin: Headers
  let secretaryA: Headers
  let memberA: Headers

  beforeAll(async () => {
    clock = Date.now()
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    branchA = (await t.app.db.selectFrom('branches').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    memberA = tokenFor(t.app, (await addMembers(t.app, 1, { branchId: branchA }))[0]!)
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const course = async (headers: Headers, starts: number[], branchId?: number | null) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/courses',
      headers,
      payload: {
        title: '场次列表测试课程',
        description: '',
        capacity: 50,
        ...(branchId !== undefined ? { branchId } : {}),
        sessions: starts.map((start) => ({
          startsAt: iso(start),
          endsAt: iso(start + HOUR),
          venue: '路演厅',
          lecturer: '黄老师',
        })),
      },
    })
    if (response.statusCode !== 201) throw new Error(response.body)
    return response.json<CourseDetail>()
  }
  async function readAll(url: string, headers: Headers): Promise<SessionListItem[]> {
    const items: SessionListItem[] = []
    let cursor: string | null = null
    for (let page = 0; page < 50; page++) {
      const response = await get(
        `${url}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      )
      expect(response.statusCode).toBe(200)
      const body = response.json<SessionPage>()
      items.push(...body.items)
      cursor = body.nextCursor
      if (!cursor) return items
    }
    throw new Error('pagination never ended')
  }

  it('gives 签到管理 every session of the courses a secretary runs, however many park-wide ones exist', async () => {
    for (let n = 0; n < 12; n++)
      await course(parkAdmin, [clock + HOUR + n * MINUTE, clock + 3 * HOUR + n * MINUTE])
    const own = await course(secretaryA, [clock + 5 * HOUR, clock + 2 * HOUR])
    const managed = await readAll('/api/sessions?managed=1', secretaryA)
    expect(managed.every((session) => session.canManage && session.branch?.id === branchA)).toBe(true)
    const ids = own.sessions.map((session) => session.id)
    expect(managed.filter((session) => ids.includes(session.id)).map((session) => session.startsAt)).toEqual([
      iso(clock + 2 * HOUR),
      iso(clock + 5 * HOUR),
    ])
    const starts = managed.map((session) => session.startsAt)
    expect(starts).toEqual([...starts].sort())
    expect(managed[0]).toMatchObject({
      courseTitle: '场次列表测试课程',
      checkinStatus: 'not_open',
      lateAfter: expect.any(String),
    })

    // A park admin runs the park-wide ones too; a member runs none.
    const admin = await readAll('/api/sessions?managed=1', parkAdmin)
    expect(admin.filter((session) => session.branch === null).length).toBeGreaterThanOrEqual(24)
    expect((await get('/api/sessions?managed=1', memberA)).statusCode).toBe(403)
    expect((await get('/api/sessions', memberA)).statusCode).toBe(400)
  })

  it('lists ended sessions latest first under when=past', async () => {
    const past = await course(secretaryA, [clock + 10 * MINUTE, clock + 20 * MINUTE])
    clock += 2 * HOUR
    const ended = await readAll('/api/sessions?managed=1&when=past', secretaryA)
    const ids = past.sessions.map((session) => session.id)
    const mine = ended.filter((session) => ids.includes(session.id))
    expect(mine.map((session) => session.startsAt)).toEqual([
      past.sessions[1]!.startsAt,
      past.sessions[0]!.startsAt,
    ])
    expect(mine.every((session) => session.checkinStatus === 'closed')).toBe(true)
    const upcoming = await readAll('/api/sessions?managed=1&when=upcoming', secretaryA)
    expect(upcoming.some((session) => ids.includes(session.id))).toBe(false)
  })

  it('gives the short-code page the sessions open for sign-in now, to the second', async () => {
    const start = clock + HOUR
    const { sessions } = await course(parkAdmin, [start])
    const session = sessions[0]!
    const openNow = async (at: number) => {
      clock = at
      const items = await readAll('/api/sessions?open=1', memberA)
      return items.find((item) => item.id === session.id)
    }
    expect(await openNow(start - 30 * MINUTE - SECOND)).toBeUndefined()
    expect(await openNow(start - 30 * MINUTE)).toMatchObject({ checkinStatus: 'open', myAttendance: null })
    expect(await openNow(start + HOUR)).toMatchObject({ checkinStatus: 'open' })
    expect(await openNow(start + HOUR + SECOND)).toBeUndefined()
  })

  it('keeps another branch’s sessions out of the open list', async () => {
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    const other = branches[1]!.id
    const theirs = await course(tokenFor(t.app, people.secretaryOf(other).id), [clock + 10 * MINUTE], other)
    const items = await readAll('/api/sessions?open=1', memberA)
    expect(items.some((item) => item.id === theirs.sessions[0]!.id)).toBe(false)
    expect(items.every((item) => item.branch === null || item.branch.id === branchA)).toBe(true)
  })
})
