/**
 * 园区数据 answer time: GET /api/park-stats (and a secretary's GET /api/branch-stats) on a park of
 * 200 companies, 10,000 members and a year of activity — events with signups and check-ins,
 * training sessions with enrolments and attendance, points, help requests — on a fresh SQLite
 * database, and on a fresh schema of PostgreSQL when DATABASE_URL is set. Target: the median
 * answer under 200 ms. Exits non-zero past it.
 */
import { sql, type Insertable, type Kysely } from 'kysely'
import { buildApp } from '../server/src/app'
import { benchDatabase } from './lib/bench-database'
import { migrateToLatest } from '../server/src/db/migrate'
import { seedIfEmpty } from '../server/src/db/seed'
import type { Database } from '../server/src/db/types'
import { DAY_MS, parkDay } from '../server/src/domain/park-time'
import { HELP_CATEGORIES } from '../server/src/schemas/help-requests'

const COMPANIES = 200
const MEMBERS = 10_000
const TARGET_MS = 200
const RUNS = 15
const CHUNK = 500

async function insert<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute()
  }
}

/** The demo park grown to 200 companies and 10,000 members with a year of their activity. */
async function growPark(db: Kysely<Database>, now: Date) {
  const ago = (days: number, hours = 0) =>
    new Date(now.getTime() - days * DAY_MS + hours * 3_600_000).toISOString()
  const committee = await db.selectFrom('committees').select('id').executeTakeFirstOrThrow()
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('roles', 'like', '%park_admin%')
    .executeTakeFirstOrThrow()
  const existing = Number(
    (
      await db
        .selectFrom('companies')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  await insert(
    db,
    'companies',
    Array.from({ length: COMPANIES - existing }, (_, n) => ({
      name: `基准企业${n + 1}`,
      industry: '互联网',
      status: n % 25 === 0 ? ('closed' as const) : ('operating' as const),
      created_at: ago(300 - (n % 200)),
    })),
  )
  const added = await db
    .selectFrom('companies')
    .select(['id', 'created_at'])
    .where('name', 'like', '基准企业%')
    .orderBy('id')
    .execute()
  // Four in five of them get their own branch over the year.
  const withBranch = added.filter((_, n) => n % 5 !== 0)
  await insert(
    db,
    'branches',
    withBranch.map((company) => ({
      name: `基准支部${company.id}`,
      committee_id: committee.id,
      company_id: company.id,
      created_at: company.created_at,
    })),
  )
  const branches = await db.selectFrom('branches').select(['id', 'company_id']).orderBy('id').execute()
  for (const branch of branches) {
    if (branch.company_id !== null)
      await db
        .updateTable('companies')
        .set({ branch_id: branch.id })
        .where('id', '=', branch.company_id)
        .where('branch_id', 'is', null)
        .execute()
  }
  await insert(
    db,
    'company_history',
    added.flatMap((company, n) => [
      {
        company_id: company.id,
        status: 'operating' as const,
        party_org: 'none' as const,
        has_instructor: 0,
        branch_id: null,
        at: company.created_at,
      },
      ...(n % 5 !== 0
        ? [
            {
              company_id: company.id,
              status: 'operating' as const,
              party_org: 'own' as const,
              has_instructor: 0,
              branch_id: null,
              at: ago(200 - (n % 190)),
            },
          ]
        : []),
      ...(n % 25 === 0
        ? [
            {
              company_id: company.id,
              status: 'closed' as const,
              party_org: 'none' as const,
              has_instructor: 0,
              branch_id: null,
              at: ago(30),
            },
          ]
        : []),
    ]),
  )

  const have = Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const statuses = ['party_member', 'masses', 'activist', 'applicant', 'probationary', 'candidate'] as const
  await insert(
    db,
    'users',
    Array.from({ length: MEMBERS - have }, (_, n) => {
      const branch = branches[n % branches.length]!
      return {
        name: `基准成员${n + 1}`,
        wechat_openid: null,
        branch_id: branch.id,
        company_id: branch.company_id,
        political_status: statuses[n % statuses.length]!,
        is_ceo: 0,
        roles: 'member',
        created_at: ago(360),
      }
    }),
  )
  const members = (
    await db.selectFrom('users').select('id').where('branch_id', 'is not', null).orderBy('id').execute()
  ).map((row) => row.id)

  // A year of events: two a day, 30 signups each, four in five checked in, 3 points each.
  const events = Array.from({ length: 730 }, (_, n) => {
    const startsAt = ago(365 - Math.floor(n / 2), 6 + (n % 2) * 4)
    return {
      title: `基准活动${n + 1}`,
      category: 'salon' as const,
      venue: '创新驿站',
      starts_at: startsAt,
      ends_at: startsAt,
      capacity: 40,
      confirmed_count: 30,
      signup_deadline: startsAt,
      cancel_deadline: startsAt,
      branch_id: n % 3 === 0 ? null : branches[n % branches.length]!.id,
      created_by: admin.id,
      cancelled_at: null,
      created_at: startsAt,
      updated_at: startsAt,
    }
  })
  await insert(db, 'events', events)
  const eventRows = await db
    .selectFrom('events')
    .select(['id', 'starts_at'])
    .where('title', 'like', '基准活动%')
    .orderBy('id')
    .execute()
  const signups: Insertable<Database['event_signups']>[] = []
  const ledger: Insertable<Database['points_ledger']>[] = []
  eventRows.forEach((event, n) => {
    for (let i = 0; i < 30; i++) {
      const userId = members[(n * 31 + i * 97) % members.length]!
      const came = i % 5 !== 0
      signups.push({
        event_id: event.id,
        user_id: userId,
        status: 'confirmed',
        waitlist_seq: null,
        created_at: event.starts_at,
        confirmed_at: event.starts_at,
        cancelled_at: null,
        checked_in_at: came ? event.starts_at : null,
      })
      if (came)
        ledger.push({
          user_id: userId,
          rule: 'attend_event',
          delta: 3,
          object_type: 'event',
          object_id: event.id,
          object_key: `event:${event.id}`,
          reason: '参加活动',
          day: parkDay(event.starts_at),
          created_at: event.starts_at,
        })
    }
  })
  await insert(db, 'event_signups', signups)

  // Training: 50 courses of 24 fortnightly sessions, 40 enrolled, most present.
  await insert(
    db,
    'courses',
    Array.from({ length: 50 }, (_, n) => ({
      title: `基准课程${n + 1}`,
      kind: 'training' as const,
      branch_id: n % 2 === 0 ? null : branches[n % branches.length]!.id,
      capacity: 60,
      enrolled_count: 40,
      starts_at: ago(360),
      ends_at: ago(10),
      created_by: admin.id,
      created_at: ago(365),
    })),
  )
  const courses = await db
    .selectFrom('courses')
    .select('id')
    .where('title', 'like', '基准课程%')
    .orderBy('id')
    .execute()
  const enrolments = courses.flatMap((course, n) =>
    Array.from({ length: 40 }, (_, i) => ({
      course_id: course.id,
      user_id: members[(n * 53 + i * 211) % members.length]!,
      created_at: ago(362),
    })),
  )
  await insert(db, 'course_enrolments', enrolments)
  await insert(
    db,
    'course_sessions',
    courses.flatMap((course, n) =>
      Array.from({ length: 24 }, (_, s) => ({
        course_id: course.id,
        starts_at: ago(358 - s * 14 - (n % 14), 7),
        ends_at: ago(358 - s * 14 - (n % 14), 9),
        venue: '创新驿站',
        lecturer: '讲师',
        cancelled_at: null,
        cancel_reason: null,
      })),
    ),
  )
  const sessions = await db
    .selectFrom('course_sessions as s')
    .innerJoin('courses as c', 'c.id', 's.course_id')
    .select(['s.id', 's.course_id', 's.starts_at'])
    .where('c.title', 'like', '基准课程%')
    .execute()
  const enrolled = new Map<number, number[]>()
  for (const row of enrolments)
    enrolled.set(row.course_id, [...(enrolled.get(row.course_id) ?? []), row.user_id])
  const checkins: Insertable<Database['checkins']>[] = []
  for (const session of sessions) {
    for (const [i, userId] of (enrolled.get(session.course_id) ?? []).entries()) {
      if (i % 8 === 0) continue
      checkins.push({
        session_id: session.id,
        user_id: userId,
        status: i % 9 === 0 ? 'late' : 'present',
        checked_in_at: session.starts_at,
        created_at: session.starts_at,
      })
      ledger.push({
        user_id: userId,
        rule: 'training_present',
        delta: 5,
        object_type: 'session',
        object_id: session.id,
        object_key: `session:${session.id}`,
        reason: '参加培训',
        day: parkDay(session.starts_at),
        created_at: session.starts_at,
      })
    }
  }
  await insert(db, 'checkins', checkins)
  await insert(db, 'points_ledger', ledger)

  // Help requests: four a day from the companies, most answered and resolved.
  const companies = (await db.selectFrom('companies').select('id').orderBy('id').execute()).map(
    (row) => row.id,
  )
  await insert(
    db,
    'help_requests',
    Array.from({ length: 1460 }, (_, n) => {
      const createdAt = ago(365 - n / 4)
      const done = n < 1400
      return {
        company_id: companies[n % companies.length]!,
        requester_id: members[(n * 13) % members.length]!,
        category: HELP_CATEGORIES[n % HELP_CATEGORIES.length]!,
        title: `基准诉求${n + 1}`,
        body: '基准',
        priority: n % 3 === 0 ? ('normal' as const) : ('high' as const),
        status: done ? ('resolved' as const) : ('submitted' as const),
        created_at: createdAt,
        updated_at: createdAt,
        first_response_at: done ? new Date(Date.parse(createdAt) + 5 * 3_600_000).toISOString() : null,
        response_due_at: new Date(Date.parse(createdAt) + 2 * DAY_MS).toISOString(),
        resolution_due_at: new Date(Date.parse(createdAt) + 10 * DAY_MS).toISOString(),
        resolved_at: done ? new Date(Date.parse(createdAt) + 3 * DAY_MS).toISOString() : null,
      }
    }),
  )
  return { signups: signups.length, checkins: checkins.length, ledger: ledger.length }
}

async function run(kind: 'sqlite' | 'postgres'): Promise<boolean> {
  const { config, cleanup } = await benchDatabase(kind, 'stats')
  const app = await buildApp(config)
  try {
    await migrateToLatest(app.db)
    await seedIfEmpty(app.db)
    const grown = await growPark(app.db, app.now())
    // What autovacuum (PostgreSQL) or a maintenance run (SQLite) does after a bulk load: the planner
    // learns the tables' sizes.
    await sql`analyze`.execute(app.db)
    const admin = await app.db
      .selectFrom('users')
      .select('id')
      .where('roles', 'like', '%park_admin%')
      .executeTakeFirstOrThrow()
    const secretary = await app.db
      .selectFrom('users')
      .select('id')
      .where('roles', 'like', '%secretary%')
      .executeTakeFirstOrThrow()
    const time = async (url: string, userId: number) => {
      const headers = { authorization: `Bearer ${app.issueToken(userId)}` }
      const times: number[] = []
      for (let i = 0; i < RUNS + 2; i++) {
        const started = performance.now()
        const response = await app.inject({ method: 'GET', url, headers })
        if (response.statusCode !== 200)
          throw new Error(`${url} answered ${response.statusCode}: ${response.body}`)
        if (i >= 2) times.push(performance.now() - started)
      }
      times.sort((a, b) => a - b)
      return { median: times[Math.floor(times.length / 2)]!, worst: times[times.length - 1]! }
    }
    const park = await time('/api/park-stats', admin.id)
    const branch = await time('/api/branch-stats', secretary.id)
    const ok = park.median < TARGET_MS && branch.median < TARGET_MS
    const ms = (value: number) => `${value.toFixed(0)} ms`
    console.log(
      `statistics on ${kind} (${COMPANIES} companies, ${MEMBERS} members, ${grown.signups} signups, ` +
        `${grown.checkins} check-ins, ${grown.ledger} points entries): GET /api/park-stats median ` +
        `${ms(park.median)} (worst ${ms(park.worst)}), GET /api/branch-stats median ${ms(branch.median)} ` +
        `(worst ${ms(branch.worst)}) — ${ok ? 'within' : 'OVER'} the ${TARGET_MS} ms target`,
    )
    return ok
  } finally {
    await app.close()
    await cleanup()
  }
}

async function main() {
  const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
  let ok = true
  for (const kind of kinds) ok = (await run(kind)) && ok
  if (!ok) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
