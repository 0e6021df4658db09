import { parkDay } from '../../../../server/src/domain/park-time'
import { awardPoints, awardUnits } from '../../../../server/src/domain/points/ledger'
import type {
  AnnouncementReading,
  MyPoints,
  ReadingClosed,
  ReadingStarted,
} from '../../../../server/src/schemas'
import { addMembers, databases, startApp, tokenFor, type TestApp } from '../../harness'
import { addNotices, expectDailyMatchesLedger, ledgerOf, parkMaterial, sumOf } from '../../points-fixtures'

/*
 * Caps and once-per-object under concurrent awards. On PostgreSQL the requests really run in
 * parallel on a pool of connections; on SQLite they interleave at every await.
 */
describe.each(databases)('points under concurrency on $name', (database) => {
  let t: TestApp
  /** The server's clock runs this far ahead of the real one (for reading time). */
  let clockOffset = 0

  beforeAll(async () => {
    // Midday in Xiamen, so no test straddles a park-time midnight; the clock still runs.
    const started = Date.now()
    t = await startApp(database, {
      now: () => new Date(Date.parse('2026-11-24T04:00:00.000Z') + (Date.now() - started) + clockOffset),
    })
  })
  afterAll(() => t.close())

  const today = () => parkDay(t.app.now())

  it('20 concurrent first reads of 20 notices: exactly 5 points today, all 20 read', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const headers = tokenFor(t.app, memberId!)
    const notices = await addNotices(t.app, 20)
    const responses = await Promise.all(
      notices.map((id) => t.app.inject({ method: 'GET', url: `/api/announcements/${id}`, headers })),
    )
    expect(responses.every((response) => response.statusCode === 200)).toBe(true)
    const awarded = responses.map((response) => response.json<AnnouncementReading>().pointsAwarded)
    expect(sumOf(awarded.map((delta) => ({ delta })))).toBe(5)
    expect(awarded.every((points) => points === 0 || points === 1)).toBe(true)

    const ledger = await ledgerOf(t.app, memberId!)
    expect(ledger).toHaveLength(5)
    expect(ledger.every((row) => row.day === today())).toBe(true)
    const points = (await t.app.inject({ method: 'GET', url: '/api/me/points', headers })).json<MyPoints>()
    expect(points).toMatchObject({ total: 5, today: 5 })
    expect(sumOf(points.items)).toBe(points.total)
    const reads = await t.app.db
      .selectFrom('announcement_reads')
      .select('announcement_id')
      .where('user_id', '=', memberId!)
      .execute()
    expect(reads).toHaveLength(20)
    await expectDailyMatchesLedger(t.app, memberId!)
  })

  it('10 concurrent awards of the same object: exactly one ledger row', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        awardPoints(t.app.db, {
          now: new Date(),
          userId: memberId!,
          rule: 'attend_event',
          objectType: 'event',
          objectId: 4242,
        }),
      ),
    )
    expect(results.filter((points) => points === 3)).toHaveLength(1)
    expect(results.filter((points) => points === 0)).toHaveLength(9)
    const ledger = await ledgerOf(t.app, memberId!)
    expect(ledger.map((row) => [row.rule, row.delta, row.object_key])).toEqual([
      ['attend_event', 3, 'event:4242'],
    ])
    await expectDailyMatchesLedger(t.app, memberId!)
  })

  it('on time and late racing for one session: exactly one of them counts', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        awardPoints(t.app.db, {
          now: new Date(),
          userId: memberId!,
          rule: n % 2 === 0 ? 'training_present' : 'training_late',
          objectType: 'session',
          objectId: 777,
        }),
      ),
    )
    expect(results.filter((points) => points > 0)).toHaveLength(1)
    const ledger = await ledgerOf(t.app, memberId!)
    expect(ledger).toHaveLength(1)
    expect(ledger[0]!.delta).toBe(results.find((points) => points > 0))
    await expectDailyMatchesLedger(t.app, memberId!)
  })

  it('awards inside concurrent caller transactions: once, and the callers’ own writes all commit', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const [noticeId] = await addNotices(t.app, 1)
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        t.app.db.transaction().execute(async (trx) => {
          const points = await awardPoints(trx, {
            now: new Date(),
            userId: memberId!,
            rule: 'read_notice',
            objectType: 'announcement',
            objectId: noticeId!,
          })
          await trx
            .insertInto('notifications')
            .values({
              user_id: memberId!,
              kind: 'event_cancelled',
              title: `调用方写入 ${n}`,
              body: '',
              event_id: null,
              created_at: new Date().toISOString(),
            })
            .execute()
          return points
        }),
      ),
    )
    expect(results.filter((points) => points === 1)).toHaveLength(1)
    expect(await ledgerOf(t.app, memberId!)).toHaveLength(1)
    const written = await t.app.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', memberId!)
      .execute()
    expect(written).toHaveLength(8)
  })

  it('30 members reading 8 notices each at once: everyone ends at exactly 5', async () => {
    const members = await addMembers(t.app, 30)
    const notices = await addNotices(t.app, 8)
    await Promise.all(
      members.flatMap((memberId) =>
        notices.map((id) =>
          t.app.inject({
            method: 'GET',
            url: `/api/announcements/${id}`,
            headers: tokenFor(t.app, memberId),
          }),
        ),
      ),
    )
    const ledger = await t.app.db
      .selectFrom('points_ledger')
      .select(['user_id', 'delta'])
      .where('user_id', 'in', members)
      .execute()
    for (const memberId of members) {
      expect(sumOf(ledger.filter((row) => row.user_id === memberId))).toBe(5)
    }
  })

  it('one reading closed 6 times at once: counted once', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const headers = tokenFor(t.app, memberId!)
    const material = await parkMaterial(t.app)
    const opened = await t.app.inject({ method: 'POST', url: `/api/materials/${material.id}/open`, headers })
    const { readingId } = opened.json<ReadingStarted>()
    clockOffset = 13.5 * 60_000
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({
          method: 'POST',
          url: `/api/materials/${material.id}/close`,
          headers,
          payload: { readingId },
        }),
      ),
    )
    const ok = responses.filter((response) => response.statusCode === 200)
    expect(ok).toHaveLength(1)
    expect(ok[0]!.json<ReadingClosed>()).toEqual({ minutes: 13, pointsAwarded: 3 })
    expect(responses.filter((response) => response.statusCode === 409)).toHaveLength(5)
    expect(sumOf(await ledgerOf(t.app, memberId!))).toBe(3)
    clockOffset = 0
  })

  it('5 concurrent opens by one member: all answered, one reading left open', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const headers = tokenFor(t.app, memberId!)
    const material = await parkMaterial(t.app)
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.app.inject({ method: 'POST', url: `/api/materials/${material.id}/open`, headers }),
      ),
    )
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201])
    const open = await t.app.db
      .selectFrom('material_reads')
      .select('id')
      .where('user_id', '=', memberId!)
      .where('closed_at', 'is', null)
      .execute()
    expect(open).toHaveLength(1)
  })

  it('study material awards racing against the daily cap never pass 8', async () => {
    const [memberId] = await addMembers(t.app, 1)
    const now = new Date('2026-10-20T03:00:00.000Z')
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        awardUnits(t.app.db, {
          userId: memberId!,
          rule: 'study_material',
          objectType: 'material',
          objectId: 1,
          units: 1 + (n % 3),
          now,
        }),
      ),
    )
    expect(sumOf(results.map((delta) => ({ delta })))).toBe(8)
    expect(sumOf(await ledgerOf(t.app, memberId!))).toBe(8)
    await expectDailyMatchesLedger(t.app, memberId!)
  })
})
