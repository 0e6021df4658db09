import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { ParkStats, ParkTrendPoint } from '../../schemas'
import { HELP_CATEGORIES, HELP_CATEGORY_NAMES } from '../../schemas/help-requests'
import { TARGET_WORKING_DAYS } from '../help-requests/rules'
import { HOUR_MS } from '../park-time'
import { partyOrgOf } from '../organisation/rules'
import { applicationsByStage, coverageByMonth, membersByPoliticalStatus, monthFigures } from './figures'
import { monthOf, monthsEndingWith, share, TREND_MONTHS } from './months'

/* 园区数据: the park committee's figures for a month, with the twelve months ending with it. */

/** The district's goals (API.md): 90% organisation coverage, 95% work coverage. */
export const COVERAGE_TARGETS = { organisation: 0.9, work: 0.95 } as const

type Db = Kysely<Database>
const shortBy = (target: number, operating: number, covered: number): number =>
  Math.max(0, Math.ceil(target * operating - 1e-9) - covered) // 0.9 × 10 is 9.000000000000002 in floating point
const num = (value: unknown): number => Number(value ?? 0)
const hours = (total: number, count: number): number | null =>
  count > 0 ? Math.round((total / count / HOUR_MS) * 10) / 10 : null

export async function parkStats(db: Db, month: string, now: Date): Promise<ParkStats> {
  const months = monthsEndingWith(month, TREND_MONTHS)
  const selected = months[months.length - 1] as (typeof months)[number]
  const nowIso = now.toISOString()
  const asOf = selected.until < nowIso ? selected.until : nowIso

  const flows = await monthFigures(db, null, months, now)
  const coverage = await coverageByMonth(db, months, now)
  const help = await helpByMonth(db, months)
  const trend: ParkTrendPoint[] = flows.map((figures, i) => ({
    ...figures,
    coverage: coverage[i] as ParkTrendPoint['coverage'],
    helpFiled: help.get(figures.month)?.filed ?? 0,
    helpResolved: help.get(figures.month)?.resolved ?? 0,
  }))
  const current = trend[trend.length - 1] as ParkTrendPoint
  const byPoliticalStatus = await membersByPoliticalStatus(db, null)
  const memberTotal = byPoliticalStatus.reduce((sum, row) => sum + row.count, 0)
  const byStage = await applicationsByStage(db, null)

  const organised = current.coverage.ownOrg + current.coverage.jointOrg
  return {
    month,
    asOf,
    coverage: {
      ...current.coverage,
      targets: { ...COVERAGE_TARGETS },
      met: {
        organisation: (current.coverage.organisation ?? 0) >= COVERAGE_TARGETS.organisation,
        work: (current.coverage.work ?? 0) >= COVERAGE_TARGETS.work,
      },
      // How many more companies each target needs, so the park knows how far it has to go.
      shortBy: {
        organisation: shortBy(COVERAGE_TARGETS.organisation, current.coverage.operating, organised),
        work: shortBy(
          COVERAGE_TARGETS.work,
          current.coverage.operating,
          organised + current.coverage.instructorOnly,
        ),
      },
    },
    companies: {
      operating: current.coverage.operating,
      ownOrg: current.coverage.ownOrg,
      jointOrg: current.coverage.jointOrg,
      instructorOnly: current.coverage.instructorOnly,
      none: current.coverage.none,
      closed: current.coverage.closed,
      lacking: await lackingCompanies(db),
    },
    members: { total: memberTotal, byPoliticalStatus, byBranch: await membersByBranch(db) },
    applications: { byStage, filed: current.applicationsFiled },
    events: { held: current.eventsHeld, signups: current.eventSignups, attended: current.eventAttended },
    trainings: {
      held: current.sessionsHeld,
      expected: current.sessionExpected,
      attended: current.sessionAttended,
    },
    attendance: { events: current.eventAttendanceRate, trainings: current.sessionAttendanceRate },
    helpRequests: await helpRequestFigures(db, selected),
    points: {
      total: current.pointsTotal,
      activeMembers: current.pointsActiveMembers,
      averagePerMember: memberTotal > 0 ? Math.round((current.pointsTotal / memberTotal) * 10) / 10 : 0,
    },
    trend,
  }
}

/** Operating companies without a party organisation, those without an instructor either first. */
async function lackingCompanies(db: Db): Promise<ParkStats['companies']['lacking']> {
  const rows = await db
    .selectFrom('companies as c')
    .leftJoin('users as i', 'i.id', 'c.instructor_id')
    .select(['c.id', 'c.name', 'c.industry', 'c.instructor_id', 'i.name as instructor_name'])
    .where('c.status', '=', 'operating')
    .where('c.branch_id', 'is', null)
    .orderBy(sql`case when c.instructor_id is null then 0 else 1 end`)
    .orderBy('c.id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    industry: row.industry,
    partyOrg: partyOrgOf(null),
    instructor:
      row.instructor_id === null ? null : { id: row.instructor_id, name: row.instructor_name ?? '' },
    lacksOrganisation: true,
    lacksWork: row.instructor_id === null,
  }))
}

async function membersByBranch(db: Db): Promise<ParkStats['members']['byBranch']> {
  const rows = await db
    .selectFrom('branches as b')
    .leftJoin('users as u', (join) => join.onRef('u.branch_id', '=', 'b.id').on('u.active', '=', 1))
    .select((eb) => [
      'b.id',
      'b.name',
      eb.fn.count<number | string>('u.id').as('members'),
      eb.fn
        .count<number | string>(
          eb
            .case()
            .when('u.political_status', 'in', ['party_member', 'probationary'])
            .then(eb.ref('u.id'))
            .end(),
        )
        .as('party'),
    ])
    .groupBy(['b.id', 'b.name'])
    .orderBy('b.id')
    .execute()
  return rows.map((row) => ({
    branch: { id: row.id, name: row.name },
    members: num(row.members),
    partyMembers: num(row.party),
  }))
}

async function helpByMonth(db: Db, months: ReturnType<typeof monthsEndingWith>) {
  const first = months[0] as (typeof months)[number]
  const last = months[months.length - 1] as (typeof months)[number]
  const count = async (column: string) => {
    const { rows } = await sql<{ m: string | null; n: unknown }>`
      select t.m, count(*) as n from (
        select ${monthOf(column, months, 'instant')} as m from help_requests h
        where ${sql.ref(column)} >= ${first.from} and ${sql.ref(column)} < ${last.until}
      ) t group by t.m`.execute(db)
    return new Map(rows.filter((row) => row.m !== null).map((row) => [row.m as string, num(row.n)]))
  }
  const filed = await count('h.created_at')
  const resolved = await count('h.resolved_at')
  return new Map(
    months.map(({ month }) => [month, { filed: filed.get(month) ?? 0, resolved: resolved.get(month) ?? 0 }]),
  )
}

async function helpRequestFigures(
  db: Db,
  month: { from: string; until: string },
): Promise<ParkStats['helpRequests']> {
  const filed = await db
    .selectFrom('help_requests')
    .select([
      'category',
      'priority',
      'created_at',
      'first_response_at',
      'response_due_at',
      'resolved_at',
      'resolution_due_at',
    ])
    .where('created_at', '>=', month.from)
    .where('created_at', '<', month.until)
    .execute()
  const byStatus = await db
    .selectFrom('help_requests')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute()
  const status = new Map(byStatus.map((row) => [row.status as string, num(row.n)]))
  const answered = filed.filter((row) => row.first_response_at !== null)
  const resolved = filed.filter((row) => row.resolved_at !== null)
  const elapsed = (from: string, to: string) => Date.parse(to) - Date.parse(from)
  return {
    byCategory: HELP_CATEGORIES.map((key) => ({
      key,
      label: HELP_CATEGORY_NAMES[key],
      count: filed.filter((row) => row.category === key).length,
    })),
    filed: filed.length,
    priority: filed.filter((row) => row.priority === 'high').length,
    open: (status.get('submitted') ?? 0) + (status.get('assigned') ?? 0) + (status.get('in_progress') ?? 0),
    resolved: status.get('resolved') ?? 0,
    closed: status.get('closed') ?? 0,
    firstResponseHours: hours(
      answered.reduce((sum, row) => sum + elapsed(row.created_at, row.first_response_at as string), 0),
      answered.length,
    ),
    resolutionHours: hours(
      resolved.reduce((sum, row) => sum + elapsed(row.created_at, row.resolved_at as string), 0),
      resolved.length,
    ),
    firstResponseOnTime: share(
      answered.filter((row) => (row.first_response_at as string) <= row.response_due_at).length,
      answered.length,
    ),
    resolvedOnTime: share(
      resolved.filter((row) => (row.resolved_at as string) <= row.resolution_due_at).length,
      resolved.length,
    ),
    targets: {
      firstResponseWorkingDays: TARGET_WORKING_DAYS.normal.response,
      priorityFirstResponseWorkingDays: TARGET_WORKING_DAYS.high.response,
    },
  }
}
