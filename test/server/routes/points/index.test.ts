import { viewerOf } from '../../../../server/src/domain/access'
import { parkDay } from '../../../../server/src/domain/park-time'
import { awardPoints } from '../../../../server/src/domain/points/ledger'
import { closeReading, openReading } from '../../../../server/src/domain/points/reading'
import { findUserById } from '../../../../server/src/domain/users/repository'
import type {
  AnnouncementReading,
  BranchStats,
  MyPoints,
  PointsEntry,
  PointsRule,
  ReadingClosed,
  ReadingStarted,
} from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'
import { addNotices, expectDailyMatchesLedger, ledgerOf, parkMaterial, sumOf } from '../../points-fixtures'

const MINUTE = 60 * 1000

type Headers = Record<string, string>

describe.each(databases)('study points on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let branchA: number
  let branchB: number
  /** The server's clock runs this far ahead of the real one (for reading time). */
  let clockOffset = 0

  beforeAll(async () => {
    // Midday in Xiamen, so no test straddles a park-time midnight; the clock still runs.
    const started = Date.now()
    t = await startApp(database, {
      now: () => new Date(Date.parse('2026-11-24T04:00:00.000Z') + (Date.now() - started) + clockOffset),
    })
    people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const post = (url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) })
  const freshMember = async (branchId: number | null = null) => {
    const [id] = await addMembers(t.app, 1, { branchId })
    return { id: id!, headers: tokenFor(t.app, id!) }
  }
  const myPoints = async (headers: Headers, query = '') => {
    const response = await get(`/api/me/points${query}`, headers)
    expect(response.statusCode).toBe(200)
    return response.json<MyPoints>()
  }

  describe('rules', () => {
    it('lists the default rules in order, with caps and once-per-object', async () => {
      const response = await get('/api/points/rules', tokenFor(t.app, people.plainMembers[0]!.id))
      expect(response.statusCode).toBe(200)
      const rules = response.json<PointsRule[]>()
      expect(rules.map(({ description: _d, ...rule }) => rule)).toEqual([
        { code: 'read_notice', name: '阅读通知公告', points: 1, dailyCap: 5, oncePerObject: true },
        { code: 'study_material', name: '学习资料', points: 1, dailyCap: 8, oncePerObject: false },
        { code: 'training_present', name: '参加培训', points: 5, dailyCap: null, oncePerObject: true },
        { code: 'training_late', name: '参加培训(迟到)', points: 3, dailyCap: null, oncePerObject: true },
        { code: 'attend_event', name: '参加活动', points: 3, dailyCap: null, oncePerObject: true },
      ])
      expect(rules.every((rule) => rule.description.length > 0)).toBe(true)
      expect((await t.app.inject({ method: 'GET', url: '/api/points/rules' })).statusCode).toBe(401)
    })
  })

  describe('reading notices', () => {
    it('awards +1 on the first read only, with the notice in the reason', async () => {
      const member = await freshMember()
      const [id] = await addNotices(t.app, 1, () => '关于开展主题党日活动的通知')
      const first = await get(`/api/announcements/${id}`, member.headers)
      expect(first.statusCode).toBe(200)
      expect(first.json<AnnouncementReading>()).toMatchObject({ read: true, pointsAwarded: 1 })
      const again = await get(`/api/announcements/${id}`, member.headers)
      expect(again.json<AnnouncementReading>().pointsAwarded).toBe(0)

      const points = await myPoints(member.headers)
      expect(points).toMatchObject({ total: 1, today: 1, nextCursor: null })
      expect(points.items).toEqual([
        {
          id: expect.any(Number),
          delta: 1,
          rule: 'read_notice',
          reason: '阅读通知《关于开展主题党日活动的通知》',
          createdAt: expect.any(String),
        },
      ])
      const me = await get('/api/me', member.headers)
      expect(me.json().points).toEqual({ total: 1 })
    })

    it('stops at 5 a day, and counts again the next park-time day', async () => {
      const member = await freshMember()
      const notices = await addNotices(t.app, 7)
      for (const id of notices.slice(0, 6)) await get(`/api/announcements/${id}`, member.headers)
      const points = await myPoints(member.headers)
      expect(points.total).toBe(5)
      expect(points.today).toBe(5)
      // Read receipts are not points: all six notices are read.
      const reads = await t.app.db
        .selectFrom('announcement_reads')
        .select('announcement_id')
        .where('user_id', '=', member.id)
        .execute()
      expect(reads).toHaveLength(6)

      // 23:59:59 and 00:00:00 in Xiamen are different days.
      const other = await freshMember()
      const lateEvening = new Date('2026-11-24T15:59:59.000Z')
      const midnight = new Date('2026-11-24T16:00:00.000Z')
      expect(parkDay(lateEvening)).toBe('2026-11-24')
      expect(parkDay(midnight)).toBe('2026-11-25')
      const award = (objectId: number, now: Date) =>
        awardPoints(t.app.db, {
          userId: other.id,
          rule: 'read_notice',
          objectType: 'announcement',
          objectId,
          now,
        })
      for (const id of notices.slice(0, 5)) expect(await award(id, lateEvening)).toBe(1)
      expect(await award(notices[5]!, lateEvening)).toBe(0)
      expect(await award(notices[5]!, midnight)).toBe(1)
      expect(await award(notices[0]!, midnight)).toBe(0)
      const ledger = await ledgerOf(t.app, other.id)
      expect(ledger.map((row) => row.day)).toEqual([...Array(5).fill('2026-11-24'), '2026-11-25'])
      await expectDailyMatchesLedger(t.app, other.id)
    })

    it('gives the author of a notice nothing for their own notice', async () => {
      const secretary = people.secretaryOf(branchA)
      const headers = tokenFor(t.app, secretary.id)
      const before = sumOf(await ledgerOf(t.app, secretary.id))
      const published = await post('/api/announcements', headers, {
        title: '支部通知',
        body: '内容',
        scope: 'branch',
      })
      expect(published.statusCode).toBe(201)
      const opened = await get(`/api/announcements/${published.json().id}`, headers)
      expect(opened.json<AnnouncementReading>().pointsAwarded).toBe(0)
      expect(sumOf(await ledgerOf(t.app, secretary.id))).toBe(before)
    })
  })

  describe('the ledger', () => {
    it('gives a training session once: on time and late share one key', async () => {
      const member = await freshMember()
      const award = (rule: 'training_present' | 'training_late', objectId: number) =>
        awardPoints(t.app.db, { userId: member.id, rule, objectType: 'session', objectId, now: new Date() })
      expect(await award('training_late', 9001)).toBe(3)
      expect(await award('training_present', 9001)).toBe(0)
      expect(await award('training_present', 9002)).toBe(5)
      expect(await award('training_late', 9002)).toBe(0)
      const ledger = await ledgerOf(t.app, member.id)
      expect(ledger.map((row) => [row.rule, row.delta, row.object_key])).toEqual([
        ['training_late', 3, 'session:9001'],
        ['training_present', 5, 'session:9002'],
      ])
    })

    it('runs inside the caller’s transaction: a refused award leaves it usable, a rollback takes the award back', async () => {
      const member = await freshMember()
      const [noticeA, noticeB] = await addNotices(t.app, 2)
      const input = {
        userId: member.id,
        rule: 'read_notice' as const,
        objectType: 'announcement',
        now: new Date(),
      }
      await t.app.db.transaction().execute(async (trx) => {
        expect(await awardPoints(trx, { ...input, objectId: noticeA!, now: new Date() })).toBe(1)
        expect(await awardPoints(trx, { ...input, objectId: noticeA!, now: new Date() })).toBe(0)
        // Still usable after the refusal (PostgreSQL aborts a transaction on any failed statement).
        expect(await awardPoints(trx, { ...input, objectId: noticeB!, now: new Date() })).toBe(1)
      })
      expect(sumOf(await ledgerOf(t.app, member.id))).toBe(2)

      const other = await freshMember()
      await expect(
        t.app.db.transaction().execute(async (trx) => {
          expect(
            await awardPoints(trx, { ...input, userId: other.id, objectId: noticeA!, now: new Date() }),
          ).toBe(1)
          throw new Error('the caller changed its mind')
        }),
      ).rejects.toThrow('the caller changed its mind')
      expect(await ledgerOf(t.app, other.id)).toHaveLength(0)
      await expectDailyMatchesLedger(t.app, other.id)
      // Nothing half-written stays behind: the same award succeeds afterwards.
      expect(
        await awardPoints(t.app.db, { ...input, userId: other.id, objectId: noticeA!, now: new Date() }),
      ).toBe(1)
    })

    it('is append-only: the database refuses to change or remove an entry', async () => {
      const member = await freshMember()
      const [notice] = await addNotices(t.app, 1)
      await awardPoints(t.app.db, {
        now: new Date(),
        userId: member.id,
        rule: 'read_notice',
        objectType: 'announcement',
        objectId: notice!,
      })
      const [row] = await ledgerOf(t.app, member.id)
      // Matched by message: SQLite's errors come from the native module, outside Jest's realm.
      const refused = { message: expect.stringContaining('append-only') }
      await expect(
        t.app.db.updateTable('points_ledger').set({ delta: 100 }).where('id', '=', row!.id).execute(),
      ).rejects.toMatchObject(refused)
      await expect(
        t.app.db.deleteFrom('points_ledger').where('id', '=', row!.id).execute(),
      ).rejects.toMatchObject(refused)
      expect(await ledgerOf(t.app, member.id)).toEqual([row])
    })

    it('ignores a rule that has been switched off', async () => {
      const member = await freshMember()
      await t.app.db
        .updateTable('points_rules')
        .set({ active: 0 })
        .where('code', '=', 'attend_event')
        .execute()
      try {
        expect(
          await awardPoints(t.app.db, {
            now: new Date(),
            userId: member.id,
            rule: 'attend_event',
            objectType: 'event',
            objectId: 1,
          }),
        ).toBe(0)
        const rules = (await get('/api/points/rules', member.headers)).json<PointsRule[]>()
        expect(rules.map((rule) => rule.code)).not.toContain('attend_event')
      } finally {
        await t.app.db
          .updateTable('points_rules')
          .set({ active: 1 })
          .where('code', '=', 'attend_event')
          .execute()
      }
    })

    it('makes the balance exactly what was earned through the app, by the documented rules', async () => {
      const member = await freshMember(branchA)
      const notices = await addNotices(t.app, 2)
      for (const id of notices) await get(`/api/announcements/${id}`, member.headers)
      // A training session: +5 on time (API.md: training_present).
      const startsAt = Date.parse('2026-11-24T04:10:00.000Z') + clockOffset
      const course = await post('/api/courses', tokenFor(t.app, people.parkAdmins[0]!.id), {
        title: '积分测试培训',
        description: '',
        capacity: 10,
        sessions: [
          {
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(startsAt + 3_600_000).toISOString(),
            venue: '路演厅',
            lecturer: '黄老师',
          },
        ],
      })
      const sessionId = course.json<{ sessions: Array<{ id: number }> }>().sessions[0]!.id
      const { code } = (
        await get(`/api/sessions/${sessionId}/checkin-code`, tokenFor(t.app, people.parkAdmins[0]!.id))
      ).json<{ code: string }>()
      expect((await post('/api/checkins', member.headers, { code })).json()).toMatchObject({
        pointsAwarded: 5,
      })

      const expected = 1 + 1 + 5
      expect((await get('/api/me', member.headers)).json().points).toEqual({ total: expected })
      expect(await myPoints(member.headers)).toMatchObject({ total: expected, today: expected })
      expect((await get('/api/me/summary', member.headers)).json().points).toEqual({
        total: expected,
        today: expected,
      })
    })
  })

  describe('GET /api/me/points', () => {
    it('pages through the history newest first, each entry once', async () => {
      const member = await freshMember()
      const notices = await addNotices(t.app, 4)
      const base = Date.parse('2026-10-01T02:00:00.000Z')
      const awards = [
        ...notices.map((objectId, n) => ({
          rule: 'read_notice' as const,
          objectType: 'announcement',
          objectId,
          n,
        })),
        { rule: 'attend_event' as const, objectType: 'event', objectId: 7001, n: 4 },
        { rule: 'training_present' as const, objectType: 'session', objectId: 7002, n: 5 },
        { rule: 'attend_event' as const, objectType: 'event', objectId: 7003, n: 5 }, // same moment
      ]
      for (const { n, ...award } of awards) {
        await awardPoints(t.app.db, { userId: member.id, ...award, now: new Date(base + n * 3600_000) })
      }

      const items: PointsEntry[] = []
      let cursor: string | null = null
      for (let page = 0; page < 10; page++) {
        const body: MyPoints = await myPoints(
          member.headers,
          `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
        expect(body.items.length).toBeLessThanOrEqual(3)
        expect(body.total).toBe(4 + 3 + 5 + 3)
        expect(body.today).toBe(0)
        items.push(...body.items)
        cursor = body.nextCursor
        if (!cursor) break
      }
      expect(items).toHaveLength(7)
      expect(new Set(items.map((item) => item.id)).size).toBe(7)
      const order = items.map((item) => [item.createdAt, item.id] as const)
      const sorted = [...order].sort((a, b) => b[0].localeCompare(a[0]) || b[1] - a[1])
      expect(order).toEqual(sorted)
      expect(items[0]!.rule).toBe('attend_event')
      expect(items.at(-1)!.rule).toBe('read_notice')
    })

    it('rejects a forged cursor or limit, and answers only for the signed-in member', async () => {
      const member = await freshMember()
      for (const query of ['?cursor=abc', '?cursor=WzFd', '?limit=0', '?limit=51', '?userId=1']) {
        const response = await get(`/api/me/points${query}`, member.headers)
        expect(response.statusCode).toBe(400)
        expect(response.json().error.code).toBe('VALIDATION_FAILED')
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/me/points' })).statusCode).toBe(401)
    })
  })

  describe('reading study materials', () => {
    const open = (materialId: number, headers: Headers) => post(`/api/materials/${materialId}/open`, headers)
    const close = (materialId: number, headers: Headers, readingId: number) =>
      post(`/api/materials/${materialId}/close`, headers, { readingId })
    /** Moves the server's clock on, as if the member had been reading. */
    const wait = (minutes: number) => {
      clockOffset += minutes * MINUTE
    }
    afterEach(() => {
      clockOffset = 0
    })

    it('gives +1 per full 4 minutes measured by the server, once per reading', async () => {
      const member = await freshMember(branchA)
      const material = await parkMaterial(t.app)
      const opened = await open(material.id, member.headers)
      expect(opened.statusCode).toBe(201)
      const { readingId } = opened.json<ReadingStarted>()
      wait(9.5)

      const closed = await close(material.id, member.headers, readingId)
      expect(closed.statusCode).toBe(200)
      expect(closed.json<ReadingClosed>()).toEqual({ minutes: 9, pointsAwarded: 2 })
      const twice = await close(material.id, member.headers, readingId)
      expect(twice.statusCode).toBe(409)
      expect(twice.json().error.code).toBe('READING_CLOSED')

      const ledger = await ledgerOf(t.app, member.id)
      expect(ledger.map((row) => [row.rule, row.delta, row.reason])).toEqual([
        ['study_material', 2, `学习资料《${material.title}》阅读 9 分钟`],
      ])
      expect((await myPoints(member.headers)).total).toBe(2)
    })

    it('counts nothing for a short look, at most 60 minutes for one reading, and at most 8 a day', async () => {
      const member = await freshMember()
      const material = await parkMaterial(t.app)
      const viewer = viewerOf((await findUserById(t.app.db, member.id))!)
      const at = (minutes: number) => new Date(Date.parse('2026-10-10T01:00:00.000Z') + minutes * MINUTE)

      const glance = await openReading(t.app.db, viewer, material.id, at(0))
      expect(await closeReading(t.app.db, viewer, { materialId: material.id, ...glance }, at(3.9))).toEqual({
        minutes: 3,
        pointsAwarded: 0,
      })
      const long = await openReading(t.app.db, viewer, material.id, at(10))
      // Three hours open counts as 60 minutes: 15 spans, of which the daily cap allows 8.
      expect(await closeReading(t.app.db, viewer, { materialId: material.id, ...long }, at(190))).toEqual({
        minutes: 60,
        pointsAwarded: 8,
      })
      const more = await openReading(t.app.db, viewer, material.id, at(200))
      expect(await closeReading(t.app.db, viewer, { materialId: material.id, ...more }, at(230))).toEqual({
        minutes: 30,
        pointsAwarded: 0,
      })
      expect(sumOf(await ledgerOf(t.app, member.id))).toBe(8)
      await expectDailyMatchesLedger(t.app, member.id)
    })

    it('times one material at a time: opening another ends and counts the one still open', async () => {
      const member = await freshMember()
      const first = await parkMaterial(t.app, 0)
      const second = await parkMaterial(t.app, 1)
      const viewer = viewerOf((await findUserById(t.app.db, member.id))!)
      const at = (minutes: number) => new Date(Date.parse('2026-10-11T01:00:00.000Z') + minutes * MINUTE)

      const reading = await openReading(t.app.db, viewer, first.id, at(0))
      await openReading(t.app.db, viewer, second.id, at(8))
      await expect(
        closeReading(t.app.db, viewer, { materialId: first.id, readingId: reading.readingId }, at(20)),
      ).rejects.toMatchObject({ statusCode: 409, code: 'READING_CLOSED' })
      const ledger = await ledgerOf(t.app, member.id)
      expect(ledger.map((row) => [row.object_id, row.delta])).toEqual([[first.id, 2]])
      const open = await t.app.db
        .selectFrom('material_reads')
        .select('material_id')
        .where('user_id', '=', member.id)
        .where('closed_at', 'is', null)
        .execute()
      expect(open).toEqual([{ material_id: second.id }])
    })

    it('keeps readings to their owner and materials to their audience', async () => {
      const member = await freshMember(branchA)
      const stranger = await freshMember(branchB)
      const material = await parkMaterial(t.app)
      const { readingId } = (await open(material.id, member.headers)).json<ReadingStarted>()
      const stolen = await close(material.id, stranger.headers, readingId)
      expect(stolen.statusCode).toBe(404)
      const wrongMaterial = await close((await parkMaterial(t.app, 1)).id, member.headers, readingId)
      expect(wrongMaterial.statusCode).toBe(404)
      expect((await open(999_999, member.headers)).statusCode).toBe(404)
      const noNumbers = await post(`/api/materials/${material.id}/close`, member.headers, {
        readingId,
        minutes: 60,
      })
      expect(noNumbers.statusCode).toBe(400)
      expect(noNumbers.json().error.code).toBe('VALIDATION_FAILED')

      // A material of another branch's course is invisible.
      const course = await t.app.db
        .insertInto('courses')
        .values({
          title: 'B支部学习课程',
          kind: 'study',
          description: '',
          branch_id: branchB,
          capacity: 10,
          starts_at: new Date().toISOString(),
          ends_at: new Date(Date.now() + 3600_000).toISOString(),
          created_by: people.secretaryOf(branchB).id,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const hidden = await t.app.db
        .insertInto('materials')
        .values({ course_id: course.id, title: 'B支部资料', body: '正文', read_minutes: 5 })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect((await open(hidden.id, member.headers)).statusCode).toBe(404)
      expect((await open(hidden.id, stranger.headers)).statusCode).toBe(201)
    })
  })

  describe('branch statistics', () => {
    const stats = (headers: Headers, query = '') => get(`/api/branch-stats${query}`, headers)

    it('shows a secretary their own branch’s aggregates, and nothing about another branch', async () => {
      const secretary = tokenFor(t.app, people.secretaryOf(branchA).id)
      const own = await stats(secretary)
      expect(own.statusCode).toBe(200)
      const body = own.json<BranchStats>()
      expect(Object.keys(body).sort()).toEqual(
        [
          'activeMembers',
          'applicationsByStage',
          'branch',
          'byPoliticalStatus',
          'eventsAttended',
          'members',
          'month',
          'noticesRead',
          'pointsAverage',
          'pointsTotal',
          'scope',
          'trainingsAttended',
          'trend',
        ].sort(),
      )
      expect(body).toMatchObject({
        scope: 'branch',
        branch: { id: branchA },
        month: parkDay(t.app.now()).slice(0, 7),
      })
      const members = await t.app.db
        .selectFrom('users')
        .select('id')
        .where('branch_id', '=', branchA)
        .execute()
      expect(body.members).toBe(members.length)
      expect((await stats(secretary, `?branchId=${branchA}`)).statusCode).toBe(200)

      const other = await stats(secretary, `?branchId=${branchB}`)
      expect(other.statusCode).toBe(403)
      expect(other.json().error.code).toBe('FORBIDDEN')
      expect((await stats(tokenFor(t.app, people.memberOf(branchA).id))).statusCode).toBe(403)
    })

    it('lets a park admin see any branch or the whole park, and sums the month’s ledger', async () => {
      const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
      const park = (await stats(admin)).json<BranchStats>()
      expect(park).toMatchObject({ scope: 'park', branch: null })
      const branch = (await stats(admin, `?branchId=${branchB}`)).json<BranchStats>()
      expect(branch).toMatchObject({ scope: 'branch', branch: { id: branchB } })
      expect(branch.members).toBeLessThan(park.members)
      expect((await stats(admin, '?branchId=999999')).statusCode).toBe(404)
      expect((await stats(admin, '?month=2026-13')).statusCode).toBe(400)

      const month = '2026-09'
      const member = await freshMember(branchB)
      const [notice] = await addNotices(t.app, 1)
      await awardPoints(t.app.db, {
        userId: member.id,
        rule: 'read_notice',
        objectType: 'announcement',
        objectId: notice!,
        // 1 September, 07:00 in Xiamen: still August in UTC, September in park time.
        now: new Date('2026-08-31T23:00:00.000Z'),
      })
      const september = (await stats(admin, `?branchId=${branchB}&month=${month}`)).json<BranchStats>()
      const rows = await t.app.db
        .selectFrom('points_ledger as l')
        .innerJoin('users as u', 'u.id', 'l.user_id')
        .select('l.delta')
        .where('u.branch_id', '=', branchB)
        .where('l.day', '>=', '2026-09-01')
        .where('l.day', '<', '2026-10-01')
        .execute()
      expect(september.pointsTotal).toBe(sumOf(rows))
      expect(september.pointsTotal).toBeGreaterThanOrEqual(1)
      expect(september.pointsAverage).toBe(Math.round((september.pointsTotal / september.members) * 10) / 10)
    })
  })
})
