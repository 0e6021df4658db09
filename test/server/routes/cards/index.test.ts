import { CARD_PREFIX, signCard } from '../../../../server/src/domain/cards/card'
import type {
  AttendeeList,
  EventCheckinResult,
  EventDetail,
  MemberCard,
  VerifiedCard,
} from '../../../../server/src/schemas'
import {
  addMembers,
  databases,
  seededPeople,
  signedToken,
  startApp,
  tokenFor,
  type TestApp,
} from '../../harness'
import { ledgerOf, sumOf } from '../../points-fixtures'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
/** The app's clock: cards and the door's hours are judged by it. */
let clock = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()
const inHours = (hours: number) => iso(clock + hours * HOUR)

type Headers = Record<string, string>

describe.each(databases)('member card on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let branchA: number
  let branchB: number
  let memberA: { id: number; name: string; headers: Headers }
  let secretaryA: Headers
  let secretaryB: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    t = await startApp(database, { now: () => new Date(clock) })
    people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    const member = people.memberOf(branchA)
    memberA = { id: member.id, name: member.name, headers: tokenFor(t.app, member.id) }
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    secretaryB = tokenFor(t.app, people.secretaryOf(branchB).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const cardOf = async (headers: Headers) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me/card', headers })
    expect(response.statusCode).toBe(200)
    return response.json<MemberCard>()
  }
  const verify = (headers: Headers, payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/cards/verify', headers, payload: { payload } as object })
  const secret = () => t.config.jwtSecret

  describe('GET /api/me/card', () => {
    it('gives a signed payload valid for five minutes, with the public card fields', async () => {
      const before = clock
      const response = await t.app.inject({ method: 'GET', url: '/api/me/card', headers: memberA.headers })
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-store')
      const card = response.json<MemberCard>()
      expect(Object.keys(card).sort()).toEqual(['expiresAt', 'member', 'payload', 'refreshInMs', 'title'])
      expect(card.payload).toMatch(/^REDE1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
      expect(card.payload.length).toBeLessThan(120)
      const expires = Date.parse(card.expiresAt)
      expect(expires).toBeGreaterThanOrEqual(before + 5 * MINUTE - 1000)
      expect(expires).toBeLessThanOrEqual(clock + 5 * MINUTE + 1000)
      expect(card.refreshInMs).toBeLessThan(expires - before)
      expect(card.member).toEqual({
        id: memberA.id,
        name: memberA.name,
        branch: { id: branchA, name: expect.stringMatching(/党支部$/) },
        company: { id: expect.any(Number), name: expect.any(String) },
        politicalStatus: expect.any(String),
      })
      expect((await t.app.inject({ method: 'GET', url: '/api/me/card' })).statusCode).toBe(401)
    })

    it('titles a party member’s card 数字党员名片 and anyone else’s 园区名片', async () => {
      const title = async (politicalStatus: 'party_member' | 'probationary' | 'masses') => {
        await t.app.db
          .updateTable('users')
          .set({ political_status: politicalStatus })
          .where('id', '=', memberA.id)
          .execute()
        const response = await t.app.inject({ method: 'GET', url: '/api/me/card', headers: memberA.headers })
        return response.json<MemberCard>().title
      }
      expect(await title('masses')).toBe('园区名片')
      expect(await title('probationary')).toBe('数字党员名片')
      expect(await title('party_member')).toBe('数字党员名片')
    })
  })

  describe('POST /api/cards/verify', () => {
    it('shows secretaries and park admins the member behind a valid card', async () => {
      const card = await cardOf(memberA.headers)
      for (const staff of [secretaryA, secretaryB, parkAdmin]) {
        const response = await verify(staff, card.payload)
        expect(response.statusCode).toBe(200)
        expect(response.json<VerifiedCard>()).toEqual({
          member: {
            id: memberA.id,
            name: memberA.name,
            branch: card.member.branch,
            politicalStatus: card.member.politicalStatus,
          },
        })
      }
    })

    it('forbids members to verify', async () => {
      const card = await cardOf(memberA.headers)
      const response = await verify(tokenFor(t.app, people.memberOf(branchB).id), card.payload)
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('FORBIDDEN')
      expect((await verify({}, card.payload)).statusCode).toBe(401)
    })

    it('answers 422 CARD_EXPIRED for a card older than five minutes', async () => {
      const old = signCard(secret(), memberA.id, new Date(clock - 5 * MINUTE - 1000))
      const response = await verify(parkAdmin, old.payload)
      expect(response.statusCode).toBe(422)
      expect(response.json().error).toEqual({ code: 'CARD_EXPIRED', message: expect.any(String) })
      const almost = signCard(secret(), memberA.id, new Date(clock - 4 * MINUTE))
      expect((await verify(parkAdmin, almost.payload)).statusCode).toBe(200)
    })

    it('answers 422 CARD_INVALID for tampered, forged, foreign or garbage payloads', async () => {
      const { payload } = await cardOf(memberA.headers)
      const [prefix, claims, signature] = payload.split('.') as [string, string, string]
      const otherClaims = Buffer.from(
        JSON.stringify([people.parkAdmins[0]!.id, Math.floor(clock / 1000) + 300]),
      ).toString('base64url')
      const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`
      // Same bytes, another spelling: the last character's two spare bits changed.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const respelled = `${signature.slice(0, -1)}${alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1]}`
      const attempts = [
        `${prefix}.${otherClaims}.${signature}`, // someone else's id under this signature
        `${prefix}.${claims}.${flipped}`,
        `${prefix}.${claims}.${respelled}`,
        `${prefix}.${claims}`,
        `${prefix}.${claims}.${signature}.x`,
        `REDE2.${claims}.${signature}`,
        `rede1.${claims}.${signature}`,
        signCard('another-server-secret-long-enough', memberA.id, new Date()).payload,
        signCard(secret(), 999_999, new Date()).payload, // no such member
        signedToken(t.app, memberA.id), // a login token is not a card
        'hello',
        '....',
        `${CARD_PREFIX}.!!!.???`,
        'REDE1.' + 'A'.repeat(300) + '.' + signature,
        '红e园区',
      ]
      for (const attempt of attempts) {
        const response = await verify(secretaryA, attempt)
        expect({ attempt, status: response.statusCode, code: response.json().error?.code }).toEqual({
          attempt,
          status: 422,
          code: 'CARD_INVALID',
        })
      }
    })

    it('names the failing field of a malformed body', async () => {
      for (const payload of [{}, { payload: '' }, { payload: { nested: 1 } }, { payload: 'x', extra: 1 }]) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/cards/verify',
          headers: parkAdmin,
          payload,
        })
        expect(response.statusCode).toBe(400)
        expect(response.json().error.code).toBe('VALIDATION_FAILED')
        expect(response.json().error.message).toMatch(/payload|extra/)
      }
    })
  })

  describe('event check-in with the card', () => {
    const createEvent = async (headers: Headers, overrides: Record<string, unknown> = {}) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers,
        payload: {
          title: '青创沙龙:扫码签到专场',
          category: 'salon',
          venue: '创新驿站路演厅',
          startsAt: inHours(1),
          endsAt: inHours(3),
          capacity: 5,
          ...overrides,
        },
      })
      if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
      return response.json<EventDetail>()
    }
    const signUp = (eventId: number, headers: Headers) =>
      t.app.inject({ method: 'POST', url: `/api/events/${eventId}/signup`, headers })
    const checkIn = (eventId: number, headers: Headers, payload: string, extra: Headers = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${eventId}/checkins`,
        headers: { ...headers, ...extra },
        payload: { payload },
      })
    const freshMember = async (branchId: number | null = branchA) => {
      const [id] = await addMembers(t.app, 1, { branchId })
      return { id: id!, headers: tokenFor(t.app, id!) }
    }

    it('checks a confirmed member in once, awards +3 once and shows it in the attendees list', async () => {
      const event = await createEvent(parkAdmin)
      const member = await freshMember()
      expect((await signUp(event.id, member.headers)).statusCode).toBe(201)
      const card = await cardOf(member.headers)

      const response = await checkIn(event.id, parkAdmin, card.payload)
      expect(response.statusCode).toBe(201)
      const body = response.json<EventCheckinResult>()
      expect(body).toEqual({
        member: { id: member.id, name: card.member.name, branch: card.member.branch },
        checkedInAt: expect.any(String),
        pointsAwarded: 3,
      })
      const ledger = await ledgerOf(t.app, member.id)
      expect(ledger.map((row) => [row.rule, row.delta, row.reason])).toEqual([
        ['attend_event', 3, `参加活动《${event.title}》`],
      ])

      const attendees = await t.app.inject({
        method: 'GET',
        url: `/api/events/${event.id}/attendees`,
        headers: parkAdmin,
      })
      const entry = attendees.json<AttendeeList>().items.find((item) => item.member.id === member.id)
      expect(entry).toMatchObject({ status: 'confirmed', checkedInAt: body.checkedInAt })

      const again = await checkIn(event.id, parkAdmin, (await cardOf(member.headers)).payload)
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('ALREADY_CHECKED_IN')
      expect(sumOf(await ledgerOf(t.app, member.id))).toBe(3)
    })

    it('refuses members without a confirmed place with 422 NOT_CONFIRMED', async () => {
      const event = await createEvent(parkAdmin, { capacity: 1 })
      const seated = await freshMember()
      const waiting = await freshMember()
      const absent = await freshMember()
      expect((await signUp(event.id, seated.headers)).json()).toEqual({ status: 'confirmed' })
      expect((await signUp(event.id, waiting.headers)).json()).toMatchObject({ status: 'waitlisted' })
      for (const member of [waiting, absent]) {
        const response = await checkIn(event.id, parkAdmin, (await cardOf(member.headers)).payload)
        expect(response.statusCode).toBe(422)
        expect(response.json().error.code).toBe('NOT_CONFIRMED')
        expect(await ledgerOf(t.app, member.id)).toHaveLength(0)
      }
    })

    it('lets only the event’s organisers scan', async () => {
      const branchEvent = await createEvent(secretaryA)
      const member = await freshMember()
      await signUp(branchEvent.id, member.headers)
      const { payload } = await cardOf(member.headers)
      const byMember = await checkIn(branchEvent.id, tokenFor(t.app, people.memberOf(branchA).id), payload)
      expect(byMember.statusCode).toBe(403)
      const byOtherSecretary = await checkIn(branchEvent.id, secretaryB, payload)
      expect(byOtherSecretary.statusCode).toBe(404)
      expect((await checkIn(999_999, parkAdmin, payload)).statusCode).toBe(404)
      expect(await ledgerOf(t.app, member.id)).toHaveLength(0)
      const bySecretary = await checkIn(branchEvent.id, secretaryA, payload)
      expect(bySecretary.statusCode).toBe(201)
    })

    it('refuses expired or tampered cards, and cancelled events', async () => {
      const event = await createEvent(parkAdmin)
      const member = await freshMember()
      await signUp(event.id, member.headers)
      const expired = signCard(secret(), member.id, new Date(clock - 10 * MINUTE)).payload
      expect((await checkIn(event.id, parkAdmin, expired)).json().error.code).toBe('CARD_EXPIRED')
      const { payload } = await cardOf(member.headers)
      const tampered = `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`
      expect((await checkIn(event.id, parkAdmin, tampered)).json().error.code).toBe('CARD_INVALID')

      const cancelled = await createEvent(parkAdmin)
      await signUp(cancelled.id, member.headers)
      await t.app.inject({ method: 'DELETE', url: `/api/events/${cancelled.id}`, headers: parkAdmin })
      const onCancelled = await checkIn(cancelled.id, parkAdmin, payload)
      expect(onCancelled.statusCode).toBe(422)
      expect(onCancelled.json().error.code).toBe('CHECKIN_CLOSED')
      expect(await ledgerOf(t.app, member.id)).toHaveLength(0)
    })

    it('opens the door two hours before the start and closes it two hours after the end, to the second', async () => {
      const startsAt = clock + 3 * HOUR
      const endsAt = startsAt + 2 * HOUR
      const event = await createEvent(parkAdmin, { startsAt: iso(startsAt), endsAt: iso(endsAt) })
      const members = [await freshMember(), await freshMember(), await freshMember(), await freshMember()]
      for (const member of members) await signUp(event.id, member.headers)
      const scanAt = async (at: number, member: { headers: Headers }) => {
        const saved = clock
        clock = at
        const response = await checkIn(event.id, parkAdmin, (await cardOf(member.headers)).payload)
        clock = saved
        return response
      }
      const [tooEarly, first, last, tooLate] = [
        await scanAt(startsAt - 2 * HOUR - SECOND, members[0]!),
        await scanAt(startsAt - 2 * HOUR, members[1]!),
        await scanAt(endsAt + 2 * HOUR, members[2]!),
        await scanAt(endsAt + 2 * HOUR + SECOND, members[3]!),
      ]
      expect(tooEarly.statusCode).toBe(422)
      expect(tooEarly.json().error).toMatchObject({
        code: 'CHECKIN_CLOSED',
        message: expect.stringContaining('尚未开始'),
      })
      expect(first.statusCode).toBe(201)
      expect(last.statusCode).toBe(201)
      expect(tooLate.statusCode).toBe(422)
      expect(tooLate.json().error.code).toBe('CHECKIN_CLOSED')
      expect(await ledgerOf(t.app, members[0]!.id)).toHaveLength(0)
    })

    it('never lets an organiser check themselves in for points', async () => {
      const event = await createEvent(secretaryA)
      const secretary = people.secretaryOf(branchA)
      expect((await signUp(event.id, secretaryA)).statusCode).toBe(201)
      const own = (await cardOf(secretaryA)).payload
      const selfScan = await checkIn(event.id, secretaryA, own)
      expect(selfScan.statusCode).toBe(422)
      expect(selfScan.json().error).toMatchObject({
        code: 'SELF_RECORD',
        message: expect.stringContaining('自己'),
      })
      const forEvent = async () =>
        (await ledgerOf(t.app, secretary.id)).filter((entry) => entry.object_key === `event:${event.id}`)
      expect(await forEvent()).toHaveLength(0)
      // Another organiser scans it.
      expect((await checkIn(event.id, parkAdmin, own)).statusCode).toBe(201)
      expect(await forEvent()).toHaveLength(1)
    })

    it('answers a retried scan with the same Idempotency-Key with the first answer', async () => {
      const event = await createEvent(parkAdmin)
      const member = await freshMember()
      await signUp(event.id, member.headers)
      const { payload } = await cardOf(member.headers)
      const key = { 'idempotency-key': `scan-${member.id}` }
      const first = await checkIn(event.id, parkAdmin, payload, key)
      const retry = await checkIn(event.id, parkAdmin, payload, key)
      expect(first.statusCode).toBe(201)
      expect(retry.statusCode).toBe(201)
      expect(retry.headers['idempotent-replayed']).toBe('true')
      expect(retry.json()).toEqual(first.json())
      expect(sumOf(await ledgerOf(t.app, member.id))).toBe(3)
    })

    it('8 simultaneous scans of one card: one check-in, one award', async () => {
      const event = await createEvent(parkAdmin)
      const member = await freshMember()
      await signUp(event.id, member.headers)
      const { payload } = await cardOf(member.headers)
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => checkIn(event.id, parkAdmin, payload)),
      )
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1)
      expect(responses.filter((response) => response.statusCode === 409)).toHaveLength(7)
      expect(sumOf(await ledgerOf(t.app, member.id))).toBe(3)
    })
  })
})
