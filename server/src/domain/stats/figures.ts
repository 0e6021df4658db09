import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/types'
import type { CoverageFigures, MonthFigures, NamedRef, StatsCount } from '../../schemas'
import type { ApplicationStage } from '../../schemas/applications'
import { APPLICATION_STAGES } from '../../schemas/applications'
import { STAGE_NAMES } from '../applications/steps'
import { POLITICAL_STATUS_NAMES } from '../organisation/rules'
import { monthOf, share, type StatsMonth } from './months'

/*
 * The figures the park's and a branch's statistics share. Every figure is an aggregate; the queries
 * group by the park-time month in the database, one query per figure over all the months asked.
 */

type Db = Kysely<Database>
/** A branch: its members' part (and its own events and courses); null: the whole park. */
export type StatsScope = NamedRef | null

const num = (value: unknown): number => Number(value ?? 0)

/** Rows `{ m, … }` of an inner query, summed per month. */
async function perMonth<Row extends { m: string | null }>(
  db: Db,
  query: RawBuilder<Row>,
): Promise<Map<string, Row>> {
  const { rows } = await query.execute(db)
  return new Map(rows.filter((row) => row.m !== null).map((row) => [row.m as string, row]))
}

/** `and <column> = branch` for a branch, nothing for the park. */
const inBranch = (scope: StatsScope, column: string) =>
  scope === null ? sql`` : sql`and ${sql.ref(column)} = ${scope.id}`

export async function monthFigures(
  db: Db,
  scope: StatsScope,
  months: readonly StatsMonth[],
  now: Date,
): Promise<MonthFigures[]> {
  const first = months[0] as StatsMonth
  const last = months[months.length - 1] as StatsMonth
  const nowIso = now.toISOString()
  // Held: started by now, in the months asked.
  const heldUntil = last.until < nowIso ? last.until : nowIso
  const eventMonth = monthOf('e.starts_at', months, 'instant')
  const sessionMonth = monthOf('cs.starts_at', months, 'instant')
  const heldEvents = sql`e.cancelled_at is null and e.starts_at >= ${first.from} and e.starts_at < ${heldUntil}`
  const heldSessions = sql`cs.cancelled_at is null and cs.starts_at >= ${first.from} and cs.starts_at < ${heldUntil}`

  const events = await perMonth(
    db,
    sql<{ m: string | null; n: unknown }>`
      select t.m, count(*) as n from (
        select ${eventMonth} as m from events e where ${heldEvents} ${inBranch(scope, 'e.branch_id')}
      ) t group by t.m`,
  )
  // Counted per event, session or course first, then summed by month: the month is worked out
  // once per event or session, not once per signup.
  const members = scope === null ? sql`` : sql`join users u on u.id = x.user_id and u.branch_id = ${scope.id}`
  // A branch's part: its members' signups, at any event of the park.
  const signups = await perMonth(
    db,
    sql<{ m: string | null; n: unknown; came: unknown }>`
      select t.m, sum(t.n) as n, sum(t.came) as came from (
        select ${eventMonth} as m, p.n, p.came
        from events e
        join (
          select x.event_id, count(*) as n, count(x.checked_in_at) as came
          from event_signups x ${members}
          where x.status = 'confirmed'
          group by x.event_id
        ) p on p.event_id = e.id
        where ${heldEvents}
      ) t group by t.m`,
  )
  const sessions = await perMonth(
    db,
    sql<{ m: string | null; n: unknown }>`
      select t.m, count(*) as n from (
        select ${sessionMonth} as m
        from course_sessions cs join courses c on c.id = cs.course_id
        where ${heldSessions} ${inBranch(scope, 'c.branch_id')}
      ) t group by t.m`,
  )
  const expected = await perMonth(
    db,
    sql<{ m: string | null; n: unknown }>`
      select t.m, sum(t.n) as n from (
        select ${sessionMonth} as m, p.n
        from course_sessions cs
        join (
          select x.course_id, count(*) as n from course_enrolments x ${members} group by x.course_id
        ) p on p.course_id = cs.course_id
        where ${heldSessions}
      ) t group by t.m`,
  )
  const attended = await perMonth(
    db,
    sql<{ m: string | null; n: unknown }>`
      select t.m, sum(t.n) as n from (
        select ${sessionMonth} as m, p.n
        from course_sessions cs
        join (
          select x.session_id, count(*) as n
          from checkins x ${members}
          where x.status in ('present', 'late')
          group by x.session_id
        ) p on p.session_id = cs.id
        where ${heldSessions}
      ) t group by t.m`,
  )
  const applications = await perMonth(
    db,
    sql<{ m: string | null; n: unknown }>`
      select t.m, count(*) as n from (
        select ${monthOf('a.applied_on', months, 'day')} as m
        from applications a
        where a.applied_on >= ${first.firstDay} and a.applied_on < ${last.nextFirstDay}
        ${inBranch(scope, 'a.branch_id')}
      ) t group by t.m`,
  )
  // Points days are park days already: their month is the first seven characters. The sum, and
  // the members with any points, each in one pass over the month's rows of the covering index (0013).
  const pointsRange = sql`x.day >= ${first.firstDay} and x.day < ${last.nextFirstDay}`
  const totals = await perMonth(
    db,
    sql<{ m: string | null; total: unknown }>`
      select substr(x.day, 1, 7) as m, sum(x.delta) as total
      from points_ledger x ${members}
      where ${pointsRange}
      group by substr(x.day, 1, 7)`,
  )
  const active = await perMonth(
    db,
    sql<{ m: string | null; active: unknown }>`
      select t.m, count(*) as active from (
        select distinct substr(x.day, 1, 7) as m, x.user_id
        from points_ledger x ${members}
        where ${pointsRange}
      ) t group by t.m`,
  )

  return months.map(({ month }) => {
    const signup = signups.get(month)
    const eventSignups = num(signup?.n)
    const eventAttended = num(signup?.came)
    const sessionExpected = num(expected.get(month)?.n)
    const sessionAttended = num(attended.get(month)?.n)
    return {
      month,
      eventsHeld: num(events.get(month)?.n),
      eventSignups,
      eventAttended,
      eventAttendanceRate: share(eventAttended, eventSignups),
      sessionsHeld: num(sessions.get(month)?.n),
      sessionExpected,
      sessionAttended,
      sessionAttendanceRate: share(sessionAttended, sessionExpected),
      applicationsFiled: num(applications.get(month)?.n),
      pointsTotal: num(totals.get(month)?.total),
      pointsActiveMembers: num(active.get(month)?.active),
    }
  })
}

/**
 * Coverage at the end of each month (now, for the current one), from the companies' history: each
 * company counts in the state of its latest history row by then. Of operating companies only.
 */
export async function coverageByMonth(
  db: Db,
  months: readonly StatsMonth[],
  now: Date,
): Promise<CoverageFigures[]> {
  const nowIso = now.toISOString()
  const history = await db
    .selectFrom('company_history')
    .select(['company_id', 'status', 'party_org', 'has_instructor', 'at'])
    .where('at', '<=', nowIso)
    .orderBy('at')
    .orderBy('id')
    .execute()
  return months.map(({ until }) => {
    const state = new Map<number, (typeof history)[number]>()
    for (const row of history) {
      if (row.at >= until) break
      state.set(row.company_id, row)
    }
    return coverageOf([...state.values()].map((row) => ({ ...row, hasInstructor: row.has_instructor === 1 })))
  })
}

export interface CompanyCoverageState {
  status: string
  party_org: string
  hasInstructor: boolean
}

/** The formulas of the contract: organisation = own or joint ÷ operating; work = that or an instructor ÷ operating. */
export function coverageOf(companies: readonly CompanyCoverageState[]): CoverageFigures {
  const operating = companies.filter((company) => company.status === 'operating')
  const ownOrg = operating.filter((company) => company.party_org === 'own').length
  const jointOrg = operating.filter((company) => company.party_org === 'joint').length
  const instructorOnly = operating.filter(
    (company) => company.party_org === 'none' && company.hasInstructor,
  ).length
  const none = operating.length - ownOrg - jointOrg - instructorOnly
  return {
    organisation: share(ownOrg + jointOrg, operating.length),
    work: share(ownOrg + jointOrg + instructorOnly, operating.length),
    operating: operating.length,
    ownOrg,
    jointOrg,
    instructorOnly,
    none,
    closed: companies.length - operating.length,
  }
}

/** Members on a branch roster now, by 政治面貌. */
export async function membersByPoliticalStatus(db: Db, scope: StatsScope): Promise<StatsCount[]> {
  const rows = await db
    .selectFrom('users as u')
    .select(['u.political_status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('u.active', '=', 1)
    .where('u.branch_id', 'is not', null)
    .$if(scope !== null, (query) => query.where('u.branch_id', '=', (scope as NamedRef).id))
    .groupBy('u.political_status')
    .execute()
  const counts = new Map(rows.map((row) => [row.political_status as string, num(row.n)]))
  return Object.entries(POLITICAL_STATUS_NAMES).map(([key, label]) => ({
    key,
    label,
    count: counts.get(key) ?? 0,
  }))
}

/** 入党申请 by their current stage. */
export async function applicationsByStage(db: Db, scope: StatsScope): Promise<StatsCount[]> {
  const rows = await db
    .selectFrom('application_state as s')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .select(['s.stage', (eb) => eb.fn.countAll<number | string>().as('n')])
    .$if(scope !== null, (query) => query.where('a.branch_id', '=', (scope as NamedRef).id))
    .groupBy('s.stage')
    .execute()
  const counts = new Map(rows.map((row) => [row.stage, num(row.n)]))
  return APPLICATION_STAGES.map((key: ApplicationStage) => ({
    key,
    label: STAGE_NAMES[key],
    count: counts.get(key) ?? 0,
  }))
}
