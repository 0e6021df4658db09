import { deriveCodeKeys, issueCode, shortCodeFor, slotOf } from '../../../../server/src/domain/checkins/code'
import type {
  AttendanceEntry,
  CheckinCode,
  CheckinFeed,
  CheckinResult,
  CourseDetail,
  SessionAttendance,
  SessionDetail,
} from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

type Headers = Record<string, string>

describe.each(databases)('sign-in on $name', (database) => {
  let t: TestApp
  /** The app's clock: set it to walk through codes, windows and grace periods. */
  let clock = 0
  const now = () => clock
  const iso = (ms: number) => new Date(ms).toISOString()

  let branchA: number
  let branchB: number
  let parkAdmin: Headers
  let secretaryA: Headers
  let secretaryB: Headers
  let memberB: Headers
  let membersA: number[]
  let crowd: number[]
  let next = 0
  /** A member of branch A nobody has used yet. */
  const fresh = () => {
    const id = crowd[next++]
    if (id === undefined) throw new Error('crowd used up')
    return { id, headers: tokenFor(t.app, id) }
  }

  beforeAll(async () => {
    // Three seconds into a slot, so that "10 s later" is always the next slot.
    clock = Math.floor(Date.now() / 10_000) * 10_000 + 3 * SECOND
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    secretaryB = tokenFor(t.app, people.secretaryOf(branchB).id)
    memberB = tokenFor(t.app, people.memberOf(branchB).id)
    membersA = people.plainMembers.filter((user) => user.branch_id === branchA).map((user) => user.id)
    crowd = await addMembers(t.app, 200, { branchId: branchA, name: (n) => `签到测试${n + 1}` })
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload })

  /** A course with one session starting `startsIn` from the clock, lasting two hours. */
  async function session(
    headers: Headers,
    options: { startsIn?: number; branchId?: number | null; capacity?: number } = {},
  ) {
    const startsAt = now() + (options.startsIn ?? 15 * MINUTE)
    const response = await post('/api/courses', headers, {
      title: '党务工作者培训班(测试)',
      description: '签到测试',
      capacity: options.capacity ?? 100,
      ...(options.branchId !== undefined ? { branchId: options.branchId } : {}),
      sessions: [
        { startsAt: iso(startsAt), endsAt: iso(startsAt + 2 * HOUR), venue: '路演厅', lecturer: '黄老师' },
      ],
    })
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    const course = response.json<CourseDetail>()
    return { course, sessionId: course.sessions[0]!.id, startsAt }
  }

  const codeOf = async (sessionId: number, headers: Headers = parkAdmin) => {
    const response = await get(`/api/sessions/${sessionId}/checkin-code`, headers)
    if (response.statusCode !== 200) throw new Error(`code failed: ${response.body}`)
    return response.json<CheckinCode>()
  }
  const checkIn = (headers: Headers, body: object, extra: Headers = {}) =>
    post('/api/checkins', { ...headers, ...extra }, body)
  const errorOf = (response: { json: () => { error: { code: string } } }) => response.json().error.code
  const rulePoints = async (code: 'training_present' | 'training_late') =>
    (
      await t.app.db
        .selectFrom('points_rules')
        .select('points')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).points
  const ledgerRows = async (userId: number, sessionId: number) =>
    (
      await t.app.db
        .selectFrom('points_ledger')
        .select('id')
        .where('user_id', '=', userId)
        .where('object_type', '=', 'session')
        .where('object_id', '=', sessionId)
        .execute()
    ).length
  const attendance = async (sessionId: number, headers: Headers = parkAdmin) =>
    (await get(`/api/sessions/${sessionId}/attendance`, headers)).json<SessionAttendance>()

  describe('code lifecycle', () => {
    it('shows the organiser a code that refreshes every 10 s and lives 30 s', async () => {
      const { sessionId } = await session(parkAdmin)
      const first = await codeOf(sessionId)
      expect(first.shortCode).toMatch(/^[0-9]{6}$/)
      expect(first.refreshInMs).toBe(7 * SECOND)
      expect(Date.parse(first.expiresAt) - now()).toBe(27 * SECOND)
      expect((await codeOf(sessionId)).code).toBe(first.code)
      clock += 10 * SECOND
      const second = await codeOf(sessionId)
      expect(second.code).not.toBe(first.code)
      expect(second.shortCode).not.toBe(first.shortCode)
      const response = await get(`/api/sessions/${sessionId}/checkin-code`, parkAdmin)
      expect(response.headers['cache-control']).toBe('no-store')
    })

    it('signs a member in with a valid code, once', async () => {
      const { course, sessionId } = await session(parkAdmin)
      const member = fresh()
      const { code } = await codeOf(sessionId)
      const response = await checkIn(member.headers, { code })
      expect(response.statusCode).toBe(201)
      const body = response.json<CheckinResult>()
      expect(body).toEqual({
        sessionId,
        courseTitle: course.title,
        checkedInAt: iso(now()),
        status: 'present',
        pointsAwarded: expect.any(Number),
        offline: false,
      })
      // The points come from the ledger's rule, once per session.
      expect(body.pointsAwarded).toBe(await rulePoints('training_present'))
      expect(await ledgerRows(member.id, sessionId)).toBe(1)

      const detail = (await get(`/api/courses/${course.id}`, member.headers)).json<CourseDetail>()
      expect(detail.sessions[0]!.myAttendance).toBe('present')
      const screen = (await get(`/api/sessions/${sessionId}`, member.headers)).json<SessionDetail>()
      expect(screen).toMatchObject({ id: sessionId, courseTitle: course.title, myAttendance: 'present' })

      clock += 10 * SECOND
      const again = await checkIn(member.headers, { code: (await codeOf(sessionId)).code })
      expect(again.statusCode).toBe(409)
      expect(errorOf(again)).toBe('ALREADY_CHECKED_IN')
      const rows = await t.app.db
        .selectFrom('checkins')
        .selectAll()
        .where('session_id', '=', sessionId)
        .execute()
      expect(rows).toHaveLength(1)
      expect(await ledgerRows(member.id, sessionId)).toBe(1)
    })

    it('refuses a code after its 30 seconds with CODE_EXPIRED', async () => {
      const { sessionId } = await session(parkAdmin)
      const { code, expiresAt } = await codeOf(sessionId)
      clock = Date.parse(expiresAt)
      expect((await checkIn(fresh().headers, { code })).statusCode).toBe(201)
      clock += 1
      const response = await checkIn(fresh().headers, { code })
      expect(response.statusCode).toBe(422)
      expect(errorOf(response)).toBe('CODE_EXPIRED')
      expect(response.json().error.message).toContain('过期')
    })

    it('refuses tampered, forged and garbage codes with CODE_INVALID', async () => {
      const { sessionId } = await session(parkAdmin)
      const { code } = await codeOf(sessionId)
      const flipped = code.slice(0, 12) + (code[12] === 'a' ? 'b' : 'a') + code.slice(13)
      const forged = issueCode(deriveCodeKeys('a-guessed-secret'), sessionId, new Date(now())).code
      for (const bad of [flipped, forged, 'not-a-code', `${sessionId}`]) {
        const response = await checkIn(fresh().headers, { code: bad })
        expect(response.statusCode).toBe(422)
        expect(errorOf(response)).toBe('CODE_INVALID')
      }
    })

    it('refuses a short code of another session with CODE_INVALID', async () => {
      const first = await session(parkAdmin)
      const second = await session(parkAdmin)
      const { shortCode } = await codeOf(first.sessionId)
      const own = await codeOf(second.sessionId)
      if (own.shortCode === shortCode) return // one chance in a million
      const response = await checkIn(fresh().headers, { sessionId: second.sessionId, shortCode })
      expect(response.statusCode).toBe(422)
      expect(errorOf(response)).toBe('CODE_INVALID')
    })

    it('is closed before the window opens and after the session ends', async () => {
      const early = await session(parkAdmin, { startsIn: 31 * MINUTE })
      // The screen shows no code outside the window; one made with the server's key is refused all the same.
      const made = () => issueCode(deriveCodeKeys(t.config.jwtSecret), early.sessionId, new Date(now())).code
      const before = await checkIn(fresh().headers, { code: made() })
      expect(before.statusCode).toBe(422)
      expect(errorOf(before)).toBe('CHECKIN_CLOSED')
      expect(before.json().error.message).toContain('签到')

      clock += MINUTE
      expect(
        (await checkIn(fresh().headers, { code: (await codeOf(early.sessionId)).code })).statusCode,
      ).toBe(201)

      clock = early.startsAt + 2 * HOUR + SECOND
      const after = await checkIn(fresh().headers, { code: made() })
      expect(after.statusCode).toBe(422)
      expect(errorOf(after)).toBe('CHECKIN_CLOSED')
    })

    it('marks a sign-in more than 10 minutes after the start as late', async () => {
      const { sessionId, startsAt } = await session(parkAdmin, { startsIn: 5 * MINUTE })
      clock = startsAt + 10 * MINUTE
      const onTime = await checkIn(fresh().headers, { code: (await codeOf(sessionId)).code })
      expect(onTime.json<CheckinResult>().status).toBe('present')
      clock += SECOND
      const late = await checkIn(fresh().headers, { code: (await codeOf(sessionId)).code })
      expect(late.statusCode).toBe(201)
      expect(late.json<CheckinResult>()).toMatchObject({
        status: 'late',
        pointsAwarded: await rulePoints('training_late'),
      })
      expect((await attendance(sessionId)).late).toHaveLength(1)
    })

    it('takes identity only from the login', async () => {
      const { sessionId } = await session(parkAdmin)
      const { code } = await codeOf(sessionId)
      const someoneElse = fresh()
      const response = await checkIn(fresh().headers, { code, userId: someoneElse.id })
      expect(response.statusCode).toBe(400)
      expect(errorOf(response)).toBe('VALIDATION_FAILED')
      expect((await checkIn({}, { code })).statusCode).toBe(401)
    })

    it('lets only the branch sign in to a branch course', async () => {
      const { sessionId } = await session(secretaryA, { branchId: branchA })
      const { code } = await codeOf(sessionId, secretaryA)
      const outsider = await checkIn(memberB, { code })
      expect(outsider.statusCode).toBe(403)
      expect(errorOf(outsider)).toBe('FORBIDDEN')
      expect((await checkIn(tokenFor(t.app, membersA[0]!), { code })).statusCode).toBe(201)
    })
  })

  describe('short codes', () => {
    it('accepts the current and the previous slots’ short codes', async () => {
      const { sessionId } = await session(parkAdmin)
      const { shortCode } = await codeOf(sessionId)
      const current = await checkIn(fresh().headers, { sessionId, shortCode })
      expect(current.statusCode).toBe(201)
      clock += 10 * SECOND
      const previous = await checkIn(fresh().headers, { sessionId, shortCode })
      expect(previous.statusCode).toBe(201)
      clock += 30 * SECOND
      const stale = await checkIn(fresh().headers, { sessionId, shortCode })
      expect(stale.statusCode).toBe(422)
      expect(errorOf(stale)).toBe('CODE_EXPIRED')
    })

    it('refuses a wrong short code with CODE_INVALID', async () => {
      const { sessionId } = await session(parkAdmin)
      const wrong = wrongShortCode(sessionId)
      const response = await checkIn(fresh().headers, { sessionId, shortCode: wrong })
      expect(response.statusCode).toBe(422)
      expect(errorOf(response)).toBe('CODE_INVALID')
      const malformed = await checkIn(fresh().headers, { sessionId, shortCode: '12345' })
      expect(malformed.statusCode).toBe(400)
    })

    it('allows 5 wrong short codes per 10 minutes; the 6th is 429, a QR code still works', async () => {
      const { sessionId } = await session(parkAdmin)
      const member = fresh()
      // Right codes do not count against the member.
      const other = await session(parkAdmin)
      expect(
        (
          await checkIn(member.headers, {
            sessionId: other.sessionId,
            shortCode: (await codeOf(other.sessionId)).shortCode,
          })
        ).statusCode,
      ).toBe(201)
      for (let i = 0; i < 5; i++) {
        const response = await checkIn(member.headers, { sessionId, shortCode: wrongShortCode(sessionId) })
        expect(errorOf(response)).toBe('CODE_INVALID')
      }
      const { code, shortCode } = await codeOf(sessionId)
      const limited = await checkIn(member.headers, { sessionId, shortCode })
      expect(limited.statusCode).toBe(429)
      expect(errorOf(limited)).toBe('RATE_LIMITED')
      // Another member is not affected.
      expect((await checkIn(fresh().headers, { sessionId, shortCode })).statusCode).toBe(201)
      expect((await checkIn(member.headers, { code })).statusCode).toBe(201)

      // The next window starts afresh.
      clock += 10 * MINUTE
      const later = await session(parkAdmin)
      const again = await checkIn(member.headers, {
        sessionId: later.sessionId,
        shortCode: (await codeOf(later.sessionId)).shortCode,
      })
      expect(again.statusCode).toBe(201)
    })

    it('counts guesses sent all at once: only 5 are looked at', async () => {
      const { sessionId } = await session(parkAdmin)
      const member = fresh()
      const responses = await Promise.all(
        Array.from({ length: 30 }, () =>
          checkIn(member.headers, { sessionId, shortCode: wrongShortCode(sessionId) }),
        ),
      )
      const codes = responses.map(errorOf)
      expect(codes.filter((code) => code === 'CODE_INVALID')).toHaveLength(5)
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(25)
    })
    it('counts a short code that matches a code of the last two minutes as a wrong guess', async () => {
      const { sessionId } = await session(parkAdmin)
      const member = fresh()
      const { shortCode } = await codeOf(sessionId)
      clock += MINUTE
      for (let i = 0; i < 5; i++) {
        expect(errorOf(await checkIn(member.headers, { sessionId, shortCode }))).toBe('CODE_EXPIRED')
      }
      const limited = await checkIn(member.headers, {
        sessionId,
        shortCode: (await codeOf(sessionId)).shortCode,
      })
      expect(limited.statusCode).toBe(429)
    })

    it('takes 30 wrong short codes a minute per session from all members; then short codes wait a minute', async () => {
      const { sessionId } = await session(parkAdmin)
      for (let i = 0; i < 30; i++) {
        const response = await checkIn(fresh().headers, { sessionId, shortCode: wrongShortCode(sessionId) })
        expect([i, errorOf(response)]).toEqual([i, 'CODE_INVALID'])
      }
      const lockedAt = now()
      const { code, shortCode } = await codeOf(sessionId)
      const beyond = await checkIn(fresh().headers, { sessionId, shortCode: wrongShortCode(sessionId) })
      expect(beyond.statusCode).toBe(429)
      expect(errorOf(beyond)).toBe('RATE_LIMITED')
      expect(beyond.json().error.message).toContain('二维码')
      // Even the right short code waits; the QR code keeps working.
      const right = await checkIn(fresh().headers, { sessionId, shortCode })
      expect(right.statusCode).toBe(429)
      expect((await checkIn(fresh().headers, { code })).statusCode).toBe(201)
      // Another session is not affected.
      const other = await session(parkAdmin)
      const elsewhere = await checkIn(fresh().headers, {
        sessionId: other.sessionId,
        shortCode: (await codeOf(other.sessionId)).shortCode,
      })
      expect(elsewhere.statusCode).toBe(201)

      clock = lockedAt + MINUTE - SECOND
      const stillLocked = await checkIn(fresh().headers, {
        sessionId,
        shortCode: (await codeOf(sessionId)).shortCode,
      })
      expect(stillLocked.statusCode).toBe(429)
      clock = lockedAt + MINUTE + SECOND
      const open = await checkIn(fresh().headers, {
        sessionId,
        shortCode: (await codeOf(sessionId)).shortCode,
      })
      expect(open.statusCode).toBe(201)
    })

    it('looks at no more than 30 of 150 members’ guesses sent at once', async () => {
      const { sessionId } = await session(parkAdmin)
      const guessers = await addMembers(t.app, 150, { branchId: branchA })
      const guesses = wrongShortCodes(sessionId, 750)
      const responses = await Promise.all(
        guessers.flatMap((id, i) =>
          guesses
            .slice(i * 5, i * 5 + 5)
            .map((shortCode) => checkIn(tokenFor(t.app, id), { sessionId, shortCode })),
        ),
      )
      const codes = responses.map(errorOf)
      expect(
        codes.filter((code) => code === 'CODE_INVALID' || code === 'CODE_EXPIRED').length,
      ).toBeLessThanOrEqual(30)
      expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(720)
    })
  })

  /** `count` different six-digit codes that are none of the session's recent ones. */
  function wrongShortCodes(sessionId: number, count: number): string[] {
    const keys = deriveCodeKeys(t.config.jwtSecret)
    const recent = new Set(
      Array.from({ length: 12 }, (_, back) => shortCodeFor(keys, sessionId, slotOf(now()) - back)),
    )
    const codes: string[] = []
    for (let guess = 0; codes.length < count; guess++) {
      const candidate = String((guess * 7919 + 13) % 1_000_000).padStart(6, '0')
      if (!recent.has(candidate)) codes.push(candidate)
    }
    return codes
  }
  const wrongShortCode = (sessionId: number) => wrongShortCodes(sessionId, 1)[0]!

  describe('offline queue: a sign-in counts by the server’s clock', () => {
    const confirm = (sessionId: number, memberId: number, headers: Headers = parkAdmin) =>
      post(`/api/sessions/${sessionId}/attendance`, headers, { memberId, status: 'present' })

    it('stores one that arrives after its code expired as pending: no points until an organiser confirms', async () => {
      const { course, sessionId } = await session(parkAdmin)
      const { code, expiresAt } = await codeOf(sessionId)
      const member = fresh()
      await post(`/api/courses/${course.id}/enroll`, member.headers, {})
      const scannedAt = iso(now() + 2 * SECOND)
      clock = Date.parse(expiresAt) + 9 * MINUTE
      const response = await checkIn(member.headers, { code, scannedAt })
      expect(response.statusCode).toBe(201)
      expect(response.json<CheckinResult>()).toMatchObject({
        status: 'pending',
        pointsAwarded: 0,
        offline: true,
      })
      expect(await ledgerRows(member.id, sessionId)).toBe(0)

      const report = await attendance(sessionId)
      expect(report.pending.map((entry) => entry.member.id)).toEqual([member.id])
      expect(report.pending[0]).toMatchObject({ status: 'pending', offline: true, manual: false })
      expect(
        [...report.present, ...report.late, ...report.absent].some((e) => e.member.id === member.id),
      ).toBe(false)
      const mine = (await get(`/api/courses/${course.id}`, member.headers)).json<CourseDetail>()
      expect(mine.sessions[0]!.myAttendance).toBe('pending')
      const feed = (await get(`/api/sessions/${sessionId}/checkins`, parkAdmin)).json<CheckinFeed>()
      expect(feed.count).toBe(0)

      const confirmed = await confirm(sessionId, member.id)
      expect(confirmed.statusCode).toBe(201)
      expect(confirmed.json<AttendanceEntry>()).toMatchObject({ status: 'present', offline: true })
      expect(await ledgerRows(member.id, sessionId)).toBe(1)
      const after = await attendance(sessionId)
      expect(after.pending).toEqual([])
      expect(after.present.map((entry) => entry.member.id)).toContain(member.id)
      expect((await confirm(sessionId, member.id)).statusCode).toBe(409)
    })

    it('counts one whose code is still alive when it arrives, as any sign-in', async () => {
      const { sessionId } = await session(parkAdmin)
      const { code, expiresAt } = await codeOf(sessionId)
      const member = fresh()
      const scannedAt = iso(now())
      clock = Date.parse(expiresAt)
      const response = await checkIn(member.headers, { code, scannedAt })
      expect(response.json<CheckinResult>()).toMatchObject({
        status: 'present',
        offline: true,
        checkedInAt: iso(now()),
        pointsAwarded: await rulePoints('training_present'),
      })
      // One second later the same code, relayed, is worth nothing on its own.
      clock += SECOND
      const relayed = await checkIn(fresh().headers, { code, scannedAt })
      expect(relayed.json<CheckinResult>()).toMatchObject({ status: 'pending', pointsAwarded: 0 })
    })

    it('never lets scannedAt turn late into present', async () => {
      const { sessionId, startsAt } = await session(parkAdmin, { startsIn: 2 * MINUTE })
      clock = startsAt + 10 * MINUTE - 5 * SECOND
      const { code } = await codeOf(sessionId)
      const scannedAt = iso(now())
      clock = startsAt + 10 * MINUTE + SECOND
      const response = await checkIn(fresh().headers, { code, scannedAt })
      expect(response.statusCode).toBe(201)
      expect(response.json<CheckinResult>()).toMatchObject({
        status: 'late',
        pointsAwarded: await rulePoints('training_late'),
      })
    })

    it('refuses one that arrives more than 10 minutes after the expiry, and made-up scan times', async () => {
      const { sessionId } = await session(parkAdmin)
      const { code, expiresAt } = await codeOf(sessionId)
      const scannedAt = iso(now())
      clock = Date.parse(expiresAt) + 10 * MINUTE
      expect((await checkIn(fresh().headers, { code, scannedAt })).json<CheckinResult>().status).toBe(
        'pending',
      )
      clock += SECOND
      const stale = await checkIn(fresh().headers, { code, scannedAt })
      expect(stale.statusCode).toBe(422)
      expect(errorOf(stale)).toBe('CODE_EXPIRED')

      const afterExpiry = await checkIn(fresh().headers, {
        code,
        scannedAt: iso(Date.parse(expiresAt) + SECOND),
      })
      expect(errorOf(afterExpiry)).toBe('CODE_EXPIRED')
      const future = await checkIn(fresh().headers, { code, scannedAt: iso(now() + 5 * MINUTE) })
      expect(future.statusCode).toBe(400)
      expect(future.json().error.message).toContain('scannedAt')
    })

    it('lets a live sign-in replace a pending one, and an organiser confirm all pending at once', async () => {
      const { sessionId } = await session(secretaryA, { branchId: branchA })
      const { code, expiresAt } = await codeOf(sessionId, secretaryA)
      const scannedAt = iso(now())
      const [late, relayed, another] = [fresh(), fresh(), fresh()]
      const secretaryId = (await seededPeople(t.app)).secretaryOf(branchA).id
      clock = Date.parse(expiresAt) + MINUTE
      for (const member of [late, relayed, another]) {
        expect((await checkIn(member.headers, { code, scannedAt })).json<CheckinResult>().status).toBe(
          'pending',
        )
      }
      expect((await checkIn(secretaryA, { code, scannedAt })).json<CheckinResult>().status).toBe('pending')

      // The member who is really there scans the screen again.
      const live = await checkIn(late.headers, { code: (await codeOf(sessionId, secretaryA)).code })
      expect(live.json<CheckinResult>()).toMatchObject({ status: 'present', offline: false })

      const all = await post(`/api/sessions/${sessionId}/attendance/confirm`, secretaryA, {})
      expect(all.statusCode).toBe(200)
      // An organiser never confirms their own sign-in.
      expect(all.json()).toEqual({ confirmed: 2 })
      const report = await attendance(sessionId, secretaryA)
      expect(report.pending.map((entry) => entry.member.id)).toEqual([secretaryId])
      for (const member of [late, relayed, another]) expect(await ledgerRows(member.id, sessionId)).toBe(1)
      expect(await ledgerRows(secretaryId, sessionId)).toBe(0)
      expect((await post(`/api/sessions/${sessionId}/attendance/confirm`, memberB, {})).statusCode).toBe(404)
    })
  })

  describe('retries', () => {
    it('answers a retry with the same Idempotency-Key with the first answer', async () => {
      const { sessionId } = await session(parkAdmin)
      const { code } = await codeOf(sessionId)
      const member = fresh()
      const key = { 'idempotency-key': 'scan-1' }
      const first = await checkIn(member.headers, { code }, key)
      clock += 40 * SECOND // the code has expired meanwhile: the retry still gets the first answer
      const second = await checkIn(member.headers, { code }, key)
      expect(first.statusCode).toBe(201)
      expect(second.statusCode).toBe(201)
      expect(second.json()).toEqual(first.json())
      expect(second.headers['idempotent-replayed']).toBe('true')
      const rows = await t.app.db
        .selectFrom('checkins')
        .select('id')
        .where('session_id', '=', sessionId)
        .execute()
      expect(rows).toHaveLength(1)
    })
  })

  describe('attendance', () => {
    it('lists present, late, leave and absent (enrolled without either), with manual entries', async () => {
      const { course, sessionId, startsAt } = await session(secretaryA, {
        branchId: branchA,
        startsIn: 5 * MINUTE,
      })
      const [onTime, late, onLeave, absentee, walkIn] = [fresh(), fresh(), fresh(), fresh(), fresh()]
      for (const member of [onTime, late, onLeave, absentee]) {
        expect((await post(`/api/courses/${course.id}/enroll`, member.headers, {})).statusCode).toBe(201)
      }
      expect(
        (await checkIn(onTime.headers, { code: (await codeOf(sessionId, secretaryA)).code })).statusCode,
      ).toBe(201)
      clock = startsAt + 20 * MINUTE
      expect(
        (await checkIn(late.headers, { code: (await codeOf(sessionId, secretaryA)).code })).statusCode,
      ).toBe(201)
      const leave = await post(`/api/sessions/${sessionId}/attendance`, secretaryA, {
        memberId: onLeave.id,
        status: 'leave',
        note: '出差',
      })
      expect(leave.statusCode).toBe(201)
      expect(leave.json<AttendanceEntry>()).toMatchObject({
        member: { id: onLeave.id },
        status: 'leave',
        checkedInAt: null,
        manual: true,
        note: '出差',
      })
      const manual = await post(`/api/sessions/${sessionId}/attendance`, secretaryA, {
        memberId: walkIn.id,
        status: 'present',
      })
      expect(manual.statusCode).toBe(201)
      expect(manual.json<AttendanceEntry>()).toMatchObject({
        status: 'present',
        manual: true,
        checkedInAt: iso(now()),
      })

      const report = await attendance(sessionId, secretaryA)
      expect(report.session).toMatchObject({ id: sessionId, courseId: course.id, courseTitle: course.title })
      const ids = (list: AttendanceEntry[]) => list.map((entry) => entry.member.id).sort()
      expect(ids(report.present)).toEqual([onTime.id, walkIn.id].sort())
      expect(ids(report.late)).toEqual([late.id])
      expect(ids(report.leave)).toEqual([onLeave.id])
      expect(ids(report.absent)).toEqual([absentee.id])
      expect(report.absent[0]).toEqual({
        member: {
          id: absentee.id,
          name: expect.any(String),
          branch: { id: branchA, name: expect.any(String) },
        },
        status: 'absent',
        checkedInAt: null,
        offline: false,
        manual: false,
        note: null,
        canUndo: false,
      })

      // The absentee's own view says absent only once the session is over.
      const myView = async () =>
        (await get(`/api/courses/${course.id}`, absentee.headers)).json<CourseDetail>().sessions[0]!
          .myAttendance
      expect(await myView()).toBeNull()
      clock = startsAt + 2 * HOUR + MINUTE
      expect(await myView()).toBe('absent')
      expect(
        (await get(`/api/courses/${course.id}`, onLeave.headers)).json<CourseDetail>().sessions[0]!
          .myAttendance,
      ).toBe('leave')
    })

    it('lets a sign-in replace a leave, and refuses manual entries over a sign-in', async () => {
      const { sessionId } = await session(parkAdmin)
      const member = fresh()
      const leave = () =>
        post(`/api/sessions/${sessionId}/attendance`, parkAdmin, { memberId: member.id, status: 'leave' })
      const present = () =>
        post(`/api/sessions/${sessionId}/attendance`, parkAdmin, { memberId: member.id, status: 'present' })
      expect((await leave()).statusCode).toBe(201)
      const twice = await leave()
      expect(twice.statusCode).toBe(409)
      expect(errorOf(twice)).toBe('ALREADY_ON_LEAVE')

      // The member came after all and scans.
      expect((await checkIn(member.headers, { code: (await codeOf(sessionId)).code })).statusCode).toBe(201)
      const report = await attendance(sessionId)
      expect(report.leave.some((entry) => entry.member.id === member.id)).toBe(false)
      expect(report.present.find((entry) => entry.member.id === member.id)).toMatchObject({ manual: false })

      for (const response of [await present(), await leave()]) {
        expect(response.statusCode).toBe(409)
        expect(errorOf(response)).toBe('ALREADY_CHECKED_IN')
      }

      // A leave turned into a manual sign-in.
      const other = fresh()
      await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, { memberId: other.id, status: 'leave' })
      const upgraded = await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: other.id,
        status: 'present',
        note: '手机没电',
      })
      expect(upgraded.statusCode).toBe(201)
      expect(upgraded.json<AttendanceEntry>()).toMatchObject({
        status: 'present',
        manual: true,
        note: '手机没电',
      })
    })

    it('undoes an organiser’s 补签 and 请假, keeping the record and taking the points back', async () => {
      const { sessionId } = await session(parkAdmin)
      const member = fresh()
      const undo = (memberId: number, headers: Headers = parkAdmin) =>
        post(`/api/sessions/${sessionId}/attendance/undo`, headers, { memberId })
      const balance = async () =>
        Number(
          (
            await t.app.db
              .selectFrom('points_ledger')
              .select((eb) => eb.fn.sum<number | string>('delta').as('total'))
              .where('user_id', '=', member.id)
              .where('object_type', '=', 'session')
              .where('object_id', '=', sessionId)
              .executeTakeFirstOrThrow()
          ).total ?? 0,
        )

      // 补签 earns the session's points, and the entry says it can be undone.
      await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: member.id,
        status: 'present',
      })
      expect((await attendance(sessionId)).present.find((e) => e.member.id === member.id)).toMatchObject({
        manual: true,
        canUndo: true,
      })
      const points = await rulePoints('training_present')
      expect(await balance()).toBe(points)

      // Only an organiser undoes it (another branch's member sees the park course, manages nothing).
      expect((await undo(member.id, memberB)).statusCode).toBe(403)
      const undone = await undo(member.id)
      expect(undone.statusCode).toBe(200)
      expect(undone.json()).toMatchObject({ memberId: member.id, undone: 'present', pointsTakenBack: points })
      const after = await attendance(sessionId)
      expect(after.present.some((e) => e.member.id === member.id)).toBe(false)
      // Taken back by a ledger row of the opposite sign: both rows stay.
      expect(await balance()).toBe(0)
      expect(await ledgerRows(member.id, sessionId)).toBe(2)
      // Nothing left to undo.
      const again = await undo(member.id)
      expect(again.statusCode).toBe(404)
      expect(errorOf(again)).toBe('NOT_RECORDED')

      // 请假, undone; then recorded again.
      await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: member.id,
        status: 'leave',
        note: '出差',
      })
      const leave = await undo(member.id)
      expect(leave.json()).toMatchObject({ undone: 'leave', pointsTakenBack: 0 })
      expect((await attendance(sessionId)).leave.some((e) => e.member.id === member.id)).toBe(false)
      const relisted = await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: member.id,
        status: 'leave',
      })
      expect(relisted.statusCode).toBe(201)

      // The history: both undone records, as they were, with who undid them.
      const history = await t.app.db
        .selectFrom('attendance_undos')
        .select(['status', 'note', 'undone_by', 'points_reversed'])
        .where('session_id', '=', sessionId)
        .where('user_id', '=', member.id)
        .orderBy('id')
        .execute()
      expect(history.map((row) => [row.status, row.note, row.points_reversed])).toEqual([
        ['present', null, points],
        ['leave', '出差', 0],
      ])

      // A member's own sign-in is not the organiser's to undo.
      const scanner = fresh()
      await checkIn(scanner.headers, { code: (await codeOf(sessionId)).code })
      expect((await attendance(sessionId)).present.find((e) => e.member.id === scanner.id)?.canUndo).toBe(
        false,
      )
      const own = await undo(scanner.id)
      expect(own.statusCode).toBe(422)
      expect(errorOf(own)).toBe('NOT_MANUAL')
    })

    it('checks manual entries: the member must exist and belong to a branch course’s branch', async () => {
      const { sessionId } = await session(secretaryA, { branchId: branchA })
      const people = await seededPeople(t.app)
      const unknown = await post(`/api/sessions/${sessionId}/attendance`, secretaryA, {
        memberId: 999999,
        status: 'present',
      })
      expect(unknown.statusCode).toBe(404)
      const outsider = await post(`/api/sessions/${sessionId}/attendance`, secretaryA, {
        memberId: people.memberOf(branchB).id,
        status: 'present',
      })
      expect(outsider.statusCode).toBe(422)
      expect(errorOf(outsider)).toBe('MEMBER_NOT_IN_BRANCH')
      for (const payload of [
        { memberId: membersA[1], status: 'absent' },
        { memberId: membersA[1] },
        { memberId: membersA[1], status: 'leave', extra: 1 },
        { memberId: 'x', status: 'leave' },
      ]) {
        const response = await post(`/api/sessions/${sessionId}/attendance`, secretaryA, payload)
        expect(response.statusCode).toBe(400)
        expect(errorOf(response)).toBe('VALIDATION_FAILED')
      }
    })

    it('exports the attendance as CSV with a BOM, a Chinese header and formula-safe cells', async () => {
      const { sessionId } = await session(parkAdmin)
      const [sneaky] = await addMembers(t.app, 1, { name: () => '=HYPERLINK("http://x","点我")' })
      await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: sneaky!,
        status: 'leave',
        note: '+1 事假',
      })
      const member = fresh()
      await checkIn(member.headers, { code: (await codeOf(sessionId)).code })

      const response = await get(`/api/sessions/${sessionId}/attendance?format=csv`, parkAdmin)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toContain(`session-${sessionId}-attendance.csv`)
      expect(response.body.startsWith('\uFEFF姓名,支部,状态,签到时间,离线,备注\r\n')).toBe(true)
      const lines = response.body.trim().split('\r\n')
      expect(lines).toHaveLength(3)
      expect(lines[1]).toMatch(/^签到测试\d+,[^,]+,已签到,\d{4}-\d{2}-\d{2} \d{2}:\d{2},,$/)
      expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"",""点我"")",,请假,,,'+1 事假`)
    })

    it('feeds the projector the count and the newest sign-ins since the last poll', async () => {
      const { sessionId, startsAt } = await session(parkAdmin, { startsIn: 5 * MINUTE })
      const feed = async (since?: number) =>
        (
          await get(
            `/api/sessions/${sessionId}/checkins${since === undefined ? '' : `?since=${since}`}`,
            parkAdmin,
          )
        ).json<CheckinFeed>()
      expect(await feed()).toEqual({ sessionId, count: 0, lateCount: 0, items: [], lastId: 0 })

      const first = fresh()
      const second = fresh()
      await checkIn(first.headers, { code: (await codeOf(sessionId)).code })
      clock = startsAt + 11 * MINUTE
      await checkIn(second.headers, { code: (await codeOf(sessionId)).code })
      await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: fresh().id,
        status: 'leave',
      })

      const all = await feed()
      expect(all.count).toBe(2)
      expect(all.lateCount).toBe(1)
      expect(all.items.map((item) => item.status)).toEqual(['late', 'present'])
      expect(all.items[0]).toEqual({
        id: all.lastId,
        name: expect.stringMatching(/^签到测试/),
        branchName: expect.any(String),
        status: 'late',
        checkedInAt: iso(now()),
      })
      const later = await feed(all.lastId)
      expect(later).toMatchObject({ count: 2, items: [], lastId: all.lastId })
      const since = await feed(all.items[1]!.id)
      expect(since.items).toHaveLength(1)
    })
  })

  describe('who may run the sign-in', () => {
    it('gives codes, lists and the feed to organisers only', async () => {
      const branch = await session(secretaryA, { branchId: branchA })
      const parkWide = await session(parkAdmin)
      const member = tokenFor(t.app, membersA[2]!)
      const cases: Array<[number, Headers, number]> = [
        [branch.sessionId, secretaryA, 200],
        [branch.sessionId, parkAdmin, 200],
        [branch.sessionId, member, 403],
        [branch.sessionId, secretaryB, 404],
        [parkWide.sessionId, parkAdmin, 200],
        [parkWide.sessionId, secretaryA, 403],
        [parkWide.sessionId, member, 403],
        [999999, parkAdmin, 404],
      ]
      for (const [sessionId, headers, status] of cases) {
        for (const path of ['checkin-code', 'attendance', 'checkins']) {
          const response = await get(`/api/sessions/${sessionId}/${path}`, headers)
          expect([path, sessionId, response.statusCode]).toEqual([path, sessionId, status])
        }
        const manual = await post(`/api/sessions/${sessionId}/attendance`, headers, {
          memberId: fresh().id,
          status: 'leave',
        })
        expect(manual.statusCode).toBe(status === 200 ? 201 : status)
      }
      expect((await get(`/api/sessions/${branch.sessionId}/checkin-code`, {})).statusCode).toBe(401)
      // A secretary runs the park-wide courses they created; another branch's secretary may not.
      expect((await get(`/api/sessions/${branch.sessionId}`, member)).json<SessionDetail>().canManage).toBe(
        false,
      )
      expect(
        (await get(`/api/sessions/${branch.sessionId}`, secretaryA)).json<SessionDetail>().canManage,
      ).toBe(true)
    })

    it('shows no code before the window opens or after the session ends, to the second', async () => {
      const { sessionId, startsAt } = await session(parkAdmin, { startsIn: 7 * 24 * HOUR })
      const opensAt = startsAt - 30 * MINUTE
      const codeAt = async (at: number) => {
        clock = at
        return get(`/api/sessions/${sessionId}/checkin-code`, parkAdmin)
      }
      const early = await codeAt(opensAt - SECOND)
      expect(early.statusCode).toBe(422)
      expect(early.json().error).toMatchObject({
        code: 'CHECKIN_CLOSED',
        message: expect.stringContaining('开始'),
      })
      expect((await codeAt(opensAt)).statusCode).toBe(200)
      expect((await codeAt(startsAt + 2 * HOUR)).statusCode).toBe(200)
      const over = await codeAt(startsAt + 2 * HOUR + SECOND)
      expect(over.statusCode).toBe(422)
      expect(over.json().error.code).toBe('CHECKIN_CLOSED')
    })

    it('never lets an organiser record their own sign-in', async () => {
      const { sessionId } = await session(secretaryA, { branchId: branchA })
      const secretaryId = (await seededPeople(t.app)).secretaryOf(branchA).id
      const own = await post(`/api/sessions/${sessionId}/attendance`, secretaryA, {
        memberId: secretaryId,
        status: 'present',
      })
      expect(own.statusCode).toBe(422)
      expect(own.json().error).toMatchObject({
        code: 'SELF_RECORD',
        message: expect.stringContaining('自己'),
      })
      expect(await ledgerRows(secretaryId, sessionId)).toBe(0)
      // Another organiser may, and the secretary may still scan the code like everyone else.
      const byAdmin = await post(`/api/sessions/${sessionId}/attendance`, parkAdmin, {
        memberId: secretaryId,
        status: 'present',
      })
      expect(byAdmin.statusCode).toBe(201)
    })

    it('tells the result page what the server recorded, not what a link says', async () => {
      const { sessionId } = await session(parkAdmin)
      const member = fresh()
      const mine = async () => (await get(`/api/sessions/${sessionId}`, member.headers)).json<SessionDetail>()
      expect((await mine()).myCheckin).toBeNull()
      await checkIn(member.headers, { code: (await codeOf(sessionId)).code })
      expect((await mine()).myCheckin).toEqual({
        status: 'present',
        checkedInAt: iso(now()),
        offline: false,
        pointsAwarded: await rulePoints('training_present'),
      })
    })

    it('shows the screen page the session with its window', async () => {
      const { sessionId, startsAt, course } = await session(parkAdmin)
      const response = await get(`/api/sessions/${sessionId}`, memberB)
      expect(response.statusCode).toBe(200)
      expect(response.json<SessionDetail>()).toEqual({
        id: sessionId,
        startsAt: iso(startsAt),
        endsAt: iso(startsAt + 2 * HOUR),
        venue: '路演厅',
        lecturer: '黄老师',
        myAttendance: null,
        courseId: course.id,
        courseTitle: course.title,
        courseKind: 'training',
        branch: null,
        checkinOpensAt: iso(startsAt - 30 * MINUTE),
        // The window opens 30 minutes before the start: 15 minutes before it, it is open.
        checkinStatus: 'open',
        cancelledAt: null,
        cancelReason: null,
        lateAfter: iso(startsAt + 10 * MINUTE),
        canManage: false,
        myCheckin: null,
      })
    })
  })
})
