import type { CourseDetail, SessionDetail } from '../../../../server/src/schemas'
import { formatParkTime } from '../../../../server/src/domain/park-time'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

type Headers = Record<string, string>

describe.each(databases)('planning sessions on $name', (database) => {
  let t: TestApp
  let clock = 0
  const inHours = (hours: number) => new Date(clock + hours * HOUR).toISOString()
  let branchA: number
  let memberAId: number
  let memberA: Headers
  let memberB: Headers
  let secretaryA: Headers
  let secretaryB: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    clock = Date.now()
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    const branchB = branches[1]!.id
    memberAId = people.memberOf(branchA).id
    memberA = tokenFor(t.app, memberAId)
    memberB = tokenFor(t.app, people.memberOf(branchB).id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    secretaryB = tokenFor(t.app, people.secretaryOf(branchB).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const send = (
    method: 'POST' | 'PATCH' | 'GET' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const codeOf = (response: { json: () => { error: { code: string } } }) => response.json().error.code

  const session = (hours: number) => ({
    startsAt: inHours(hours),
    endsAt: inHours(hours + 2),
    venue: '党群服务中心',
    lecturer: '郑老师',
  })
  /** A branch-A course with sessions in 1 h (sign-in open), 24 h and 48 h; memberA enrolled. */
  const course = async () => {
    const response = await send('POST', '/api/courses', secretaryA, {
      title: '支部书记轮训班',
      description: '',
      capacity: 30,
      sessions: [session(0.25), session(24), session(48)],
    })
    expect(response.statusCode).toBe(201)
    const created = response.json<CourseDetail>()
    expect((await send('POST', `/api/courses/${created.id}/enroll`, memberA)).statusCode).toBe(201)
    return created
  }

  it('moves a session, changes its venue, and keeps the course span in step', async () => {
    const { id, sessions } = await course()
    const last = sessions[2]!
    const moved = await send('PATCH', `/api/sessions/${last.id}`, secretaryA, {
      startsAt: inHours(72),
      endsAt: inHours(74),
      venue: ' 三楼会议室 ',
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json<SessionDetail>()).toMatchObject({
      startsAt: inHours(72),
      endsAt: inHours(74),
      venue: '三楼会议室',
      lecturer: '郑老师',
    })
    const row = await t.app.db
      .selectFrom('courses')
      .select('ends_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.ends_at).toBe(inHours(74))
    const backwards = await send('PATCH', `/api/sessions/${last.id}`, secretaryA, { endsAt: inHours(71) })
    expect([backwards.statusCode, codeOf(backwards)]).toEqual([400, 'VALIDATION_FAILED'])
    for (const body of [{}, { venue: '' }, { startsAt: 'tomorrow' }, { courseId: 1 }]) {
      const response = await send('PATCH', `/api/sessions/${last.id}`, secretaryA, body)
      expect([response.statusCode, codeOf(response)]).toEqual([400, 'VALIDATION_FAILED'])
    }
  })

  it('tells the enrolled members when a session is moved, once, with the old and the new time', async () => {
    const { sessions } = await course()
    const second = sessions[1]!
    const toldOf = () =>
      t.app.db
        .selectFrom('notifications')
        .select(['user_id', 'body', 'link'])
        .where('kind', '=', 'session_moved')
        .where('object_id', '=', second.id)
        .execute()
    // A new venue alone is no move.
    expect(
      (await send('PATCH', `/api/sessions/${second.id}`, secretaryA, { venue: '二楼' })).statusCode,
    ).toBe(200)
    expect(await toldOf()).toEqual([])

    const move = { startsAt: inHours(30), endsAt: inHours(32) }
    expect((await send('PATCH', `/api/sessions/${second.id}`, secretaryA, move)).statusCode).toBe(200)
    // The same request again changes nothing and tells nobody twice.
    expect((await send('PATCH', `/api/sessions/${second.id}`, secretaryA, move)).statusCode).toBe(200)
    const told = await toldOf()
    expect(told.map((row) => row.user_id)).toEqual([memberAId])
    expect(told[0]!.body).toContain(formatParkTime(second.startsAt))
    expect(told[0]!.body).toContain(formatParkTime(inHours(30)))
    expect(told[0]!.body).toContain('二楼')
    // …and the member reads it in 消息.
    const inbox = await send('GET', '/api/me/notifications', memberA)
    expect(inbox.json<{ items: Array<{ kind: string; title: string }> }>().items).toContainEqual(
      expect.objectContaining({ kind: 'session_moved', title: '培训时间调整' }),
    )
  })

  it('cancels a session with a reason its members see, and then it takes no sign-in', async () => {
    const { id, sessions } = await course()
    const first = sessions[0]!
    const cancelled = await send('POST', `/api/sessions/${first.id}/cancel`, secretaryA, {
      reason: ' 讲师临时出差,改期另行通知 ',
    })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json<SessionDetail>()).toMatchObject({
      cancelReason: '讲师临时出差,改期另行通知',
      cancelledAt: new Date(clock).toISOString(),
      checkinStatus: 'closed',
    })
    // The member sees it on the course, cancelled, and not counted.
    const seen = (await send('GET', `/api/courses/${id}`, memberA)).json<CourseDetail>()
    expect(seen.sessions.find((s) => s.id === first.id)).toMatchObject({
      cancelReason: '讲师临时出差,改期另行通知',
      myAttendance: null,
    })
    expect(seen.sessionCount).toBe(2)
    // …and is told.
    const told = await t.app.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('user_id', '=', memberAId)
      .where('kind', '=', 'session_cancelled')
      .execute()
    expect(told).toHaveLength(1)
    expect(told[0]!.body).toContain('讲师临时出差')
    // No sign-in code, no manual entry, no second cancel, no move.
    const code = await send('GET', `/api/sessions/${first.id}/checkin-code`, secretaryA)
    expect([code.statusCode, codeOf(code)]).toEqual([422, 'CHECKIN_CLOSED'])
    const manual = await send('POST', `/api/sessions/${first.id}/attendance`, secretaryA, {
      memberId: memberAId,
      status: 'present',
    })
    expect([manual.statusCode, codeOf(manual)]).toEqual([422, 'CHECKIN_CLOSED'])
    const again = await send('POST', `/api/sessions/${first.id}/cancel`, secretaryA, { reason: '再取消' })
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'ALREADY_CANCELLED'])
    const move = await send('PATCH', `/api/sessions/${first.id}`, secretaryA, { venue: '别处' })
    expect([move.statusCode, codeOf(move)]).toEqual([422, 'SESSION_CANCELLED'])
    const noReason = await send('POST', `/api/sessions/${sessions[1]!.id}/cancel`, secretaryA, {
      reason: '  ',
    })
    expect([noReason.statusCode, codeOf(noReason)]).toEqual([400, 'VALIDATION_FAILED'])
  })

  it('deletes a session nobody attended; one with attendance answers 409 HAS_ATTENDANCE', async () => {
    const { id, sessions } = await course()
    const [open, second, third] = sessions
    // The member signs in to the open one with the screen's code.
    const code = (await send('GET', `/api/sessions/${open!.id}/checkin-code`, secretaryA)).json<{
      code: string
    }>()
    expect((await send('POST', '/api/checkins', memberA, { code: code.code })).statusCode).toBe(201)
    const refused = await send('DELETE', `/api/sessions/${open!.id}`, secretaryA)
    expect([refused.statusCode, codeOf(refused)]).toEqual([409, 'HAS_ATTENDANCE'])
    // A leave is attendance too.
    await send('POST', `/api/sessions/${second!.id}/attendance`, secretaryA, {
      memberId: memberAId,
      status: 'leave',
    })
    expect(codeOf(await send('DELETE', `/api/sessions/${second!.id}`, secretaryA))).toBe('HAS_ATTENDANCE')
    // Its times stay too, once anyone is recorded.
    const moved = await send('PATCH', `/api/sessions/${open!.id}`, secretaryA, { startsAt: inHours(1) })
    expect([moved.statusCode, codeOf(moved)]).toEqual([409, 'HAS_ATTENDANCE'])

    const deleted = await send('DELETE', `/api/sessions/${third!.id}`, secretaryA)
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json()).toEqual({ id: third!.id, deleted: true })
    expect((await send('GET', `/api/sessions/${third!.id}`, secretaryA)).statusCode).toBe(404)
    const detail = (await send('GET', `/api/courses/${id}`, secretaryA)).json<CourseDetail>()
    expect(detail.sessions.map((s) => s.id)).toEqual([open!.id, second!.id])
  })

  it('keeps a course’s last session', async () => {
    const response = await send('POST', '/api/courses', secretaryA, {
      title: '单次讲座',
      description: '',
      capacity: 5,
      sessions: [session(24)],
    })
    const only = response.json<CourseDetail>().sessions[0]!
    const refused = await send('DELETE', `/api/sessions/${only.id}`, secretaryA)
    expect([refused.statusCode, codeOf(refused)]).toEqual([422, 'LAST_SESSION'])
  })

  it('refuses other branches, members and park sessions to a secretary', async () => {
    const { sessions } = await course()
    const target = sessions[1]!
    const park = await send('POST', '/api/courses', parkAdmin, {
      title: '园区大讲堂',
      description: '',
      capacity: 100,
      branchId: null,
      sessions: [session(30), session(60)],
    })
    const parkSession = park.json<CourseDetail>().sessions[0]!
    const attempts = [
      ['PATCH', `/api/sessions/${target.id}`, { venue: 'x' }],
      ['POST', `/api/sessions/${target.id}/cancel`, { reason: 'x' }],
      ['DELETE', `/api/sessions/${target.id}`, undefined],
    ] as const
    for (const [method, url, body] of attempts) {
      expect((await send(method, url, secretaryB, body)).statusCode).toBe(404)
      expect((await send(method, url, memberB, body)).statusCode).toBe(404)
      const member = await send(method, url, memberA, body)
      expect([member.statusCode, codeOf(member)]).toEqual([403, 'FORBIDDEN'])
    }
    const parkByA = await send('DELETE', `/api/sessions/${parkSession.id}`, secretaryA)
    expect([parkByA.statusCode, codeOf(parkByA)]).toEqual([403, 'FORBIDDEN'])
    expect((await send('DELETE', '/api/sessions/999999', parkAdmin)).statusCode).toBe(404)
    expect((await send('DELETE', `/api/sessions/${parkSession.id}`, parkAdmin)).statusCode).toBe(200)
  })
})
