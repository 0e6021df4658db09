import type { CheckinCode, CourseDetail, EventDetail } from '../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../harness'

/*
 * Idempotency keys (API.md, Conventions): a key belongs to its user and to one request — method,
 * path and body. A retry of that request answers the first answer again; the same key on anything
 * else is 422 IDEMPOTENCY_KEY_REUSED. Only answers to authorised requests are kept, and keys older
 * than 24 hours are removed from the database by whichever instance next sees a key.
 */

const HOUR = 3600 * 1000
type Headers = Record<string, string>

describe.each(databases)('idempotency keys on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let crowd: number[]
  let next = 0
  const fresh = () => {
    const id = crowd[next++]
    if (id === undefined) throw new Error('crowd used up')
    return { id, headers: tokenFor(t.app, id) }
  }

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const branch = (
      await t.app.db.selectFrom('branches').select('id').orderBy('id').executeTakeFirstOrThrow()
    ).id
    crowd = await addMembers(t.app, 20, { branchId: branch })
  })
  afterAll(() => t.close())

  const post = (url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) })
  const withKey = (headers: Headers, key: string) => ({ ...headers, 'idempotency-key': key })
  const keysOf = async (userId: number) =>
    (
      await t.app.db
        .selectFrom('idempotency_keys')
        .select(['key', 'created_at'])
        .where('user_id', '=', userId)
        .execute()
    ).map((row) => row.key)

  async function newEvent(): Promise<EventDetail> {
    const startsAt = Date.now() + 10 * 24 * HOUR
    const response = await post('/api/events', admin, {
      title: '幂等测试活动',
      category: 'salon',
      description: '',
      venue: '创新驿站',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
      capacity: 50,
    })
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    return response.json<EventDetail>()
  }

  /** A training session whose sign-in window is open now, and its current QR code. */
  async function liveSession(): Promise<{ sessionId: number; code: string }> {
    const startsAt = Date.now() + 15 * 60 * 1000
    const response = await post('/api/courses', admin, {
      title: '幂等测试培训',
      description: '',
      capacity: 100,
      sessions: [
        {
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
          venue: '路演厅',
          lecturer: '黄老师',
        },
      ],
    })
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    const sessionId = response.json<CourseDetail>().sessions[0]!.id
    const code = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${sessionId}/checkin-code`,
      headers: admin,
    })
    return { sessionId, code: code.json<CheckinCode>().code }
  }

  it('replays the first answer for a retry of the same request', async () => {
    const event = await newEvent()
    const member = fresh()
    const first = await post(`/api/events/${event.id}/signup`, withKey(member.headers, 'signup-1'))
    const retry = await post(`/api/events/${event.id}/signup`, withKey(member.headers, 'signup-1'))
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toEqual(first.json())
    expect(retry.headers['idempotent-replayed']).toBe('true')
  })

  it('refuses the same key with another body: the second session is not answered with the first', async () => {
    const a = await liveSession()
    const b = await liveSession()
    const member = fresh()
    const first = await post('/api/checkins', withKey(member.headers, 'scan'), { code: a.code })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ sessionId: a.sessionId })

    const other = await post('/api/checkins', withKey(member.headers, 'scan'), { code: b.code })
    expect(other.statusCode).toBe(422)
    expect(other.json().error).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) })
    const inB = await t.app.db
      .selectFrom('checkins')
      .select('id')
      .where('session_id', '=', b.sessionId)
      .where('user_id', '=', member.id)
      .execute()
    expect(inB).toEqual([])

    // The same body with its keys in another order is the same request.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/checkins',
      headers: { ...withKey(member.headers, 'scan'), 'content-type': 'application/json' },
      payload: `{ "code" : ${JSON.stringify(a.code)} }`,
    })
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')

    expect(
      (await post('/api/checkins', withKey(member.headers, 'scan-b'), { code: b.code })).statusCode,
    ).toBe(201)
  })

  it('refuses the same key on another path or method', async () => {
    const event = await newEvent()
    const other = await newEvent()
    const member = fresh()
    expect((await post(`/api/events/${event.id}/signup`, withKey(member.headers, 'k'))).statusCode).toBe(201)
    const elsewhere = await post(`/api/events/${other.id}/signup`, withKey(member.headers, 'k'))
    expect(elsewhere.statusCode).toBe(422)
    expect(elsewhere.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    // Keys are per user: another member may use the same one.
    expect((await post(`/api/events/${other.id}/signup`, withKey(fresh().headers, 'k'))).statusCode).toBe(201)
  })

  it('keeps no key for a request that was not authorised or found', async () => {
    const member = fresh()
    const missing = await post('/api/events/2147483000/signup', withKey(member.headers, 'nothing-there'))
    expect(missing.statusCode).toBe(404)
    const batch = await t.app.db
      .selectFrom('health_packages')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    // A plain member is not a CEO: 403 NOT_ELIGIBLE.
    const notEligible = await post(
      `/api/health-packages/${batch.id}/claim`,
      withKey(member.headers, 'not-mine'),
    )
    expect(notEligible.statusCode).toBe(403)
    const unauthenticated = await post('/api/events/1/signup', { 'idempotency-key': 'anonymous' })
    expect(unauthenticated.statusCode).toBe(401)
    expect(await keysOf(member.id)).toEqual([])
    const anonymous = await t.app.db
      .selectFrom('idempotency_keys')
      .select('user_id')
      .where('key', '=', 'anonymous')
      .execute()
    expect(anonymous).toEqual([])
  })

  it('keeps keys for 24 hours and prunes older ones from the database', async () => {
    const event = await newEvent()
    const other = await newEvent()
    const member = fresh()
    const someoneElse = fresh()
    const signUp = (id: number, headers: Headers, key: string) =>
      post(`/api/events/${id}/signup`, withKey(headers, key))
    expect((await signUp(event.id, member.headers, 'this-morning')).statusCode).toBe(201)
    expect((await signUp(event.id, member.headers, 'yesterday')).statusCode).toBe(409)
    expect((await signUp(event.id, someoneElse.headers, 'forgotten')).statusCode).toBe(201)
    const backdate = (key: string, hours: number) =>
      t.app.db
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(Date.now() - hours * HOUR).toISOString() })
        .where('key', '=', key)
        .execute()
    await backdate('this-morning', 23)
    await backdate('yesterday', 25)
    await backdate('forgotten', 25)

    // 23 hours old: kept, so a retry still gets the first answer.
    const kept = await signUp(event.id, member.headers, 'this-morning')
    expect(kept.statusCode).toBe(201)
    expect(kept.headers['idempotent-replayed']).toBe('true')
    // 25 hours old: gone, so the key is free for a new request — and every user's old keys went too.
    const reused = await signUp(other.id, member.headers, 'yesterday')
    expect(reused.statusCode).toBe(201)
    expect(reused.headers['idempotent-replayed']).toBeUndefined()
    expect((await keysOf(member.id)).sort()).toEqual(['this-morning', 'yesterday'])
    expect(await keysOf(someoneElse.id)).toEqual([])
  })
})
