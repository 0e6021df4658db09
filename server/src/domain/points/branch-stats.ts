import type { ExpressionBuilder, Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { forbidden, notFound } from '../../errors'
import type { BranchStats, NamedRef } from '../../schemas'
import type { CurrentUser } from '../users/mapper'
import { parkDay } from './ledger'

/*
 * Aggregate figures of a branch (or the park) for one month. Deliberately nothing per person: no
 * ranking, no "top members" — only counts, sums and an average.
 */

const HOUR = 3600 * 1000
const PARK_UTC_OFFSET = 8 * HOUR

/** The month's first day and the next month's first day (park time), and the same as UTC instants. */
export function monthBounds(month: string) {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  const next = monthNumber === 12 ? [year + 1, 1] : [year, monthNumber + 1]
  const pad = (n: number) => String(n).padStart(2, '0')
  const firstDay = `${year}-${pad(monthNumber)}-01`
  const nextFirstDay = `${next[0]}-${pad(next[1] as number)}-01`
  const instant = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00.000Z`) - PARK_UTC_OFFSET).toISOString()
  return { firstDay, nextFirstDay, from: instant(firstDay), until: instant(nextFirstDay) }
}

export const currentMonth = (now: Date): string => parkDay(now).slice(0, 7)

/** Whose figures the viewer may see: a secretary their own branch only; a park admin any, or the park. */
export async function resolveStatsScope(
  db: Kysely<Database>,
  viewer: CurrentUser,
  branchId: number | undefined,
): Promise<NamedRef | null> {
  if (viewer.roles.includes('park_admin')) {
    if (branchId === undefined) return null
    const branch = await db
      .selectFrom('branches')
      .select(['id', 'name'])
      .where('id', '=', branchId)
      .executeTakeFirst()
    if (!branch) throw notFound('支部不存在')
    return branch
  }
  const own = viewer.branch
  if (!viewer.roles.includes('secretary') || own === null) {
    throw forbidden('只有支部书记或园区管理员可以查看支部统计')
  }
  if (branchId !== undefined && branchId !== own.id) throw forbidden('只能查看本支部的统计')
  return own
}

type UsersScope = ExpressionBuilder<Database & { u: Database['users'] }, 'u'>

export async function branchStats(
  db: Kysely<Database>,
  branch: NamedRef | null,
  month: string,
): Promise<BranchStats> {
  const { firstDay, nextFirstDay, from, until } = monthBounds(month)
  // The branch's members, or everyone who belongs to a branch of the park.
  const inScope = (eb: UsersScope) =>
    branch !== null ? eb('u.branch_id', '=', branch.id) : eb('u.branch_id', 'is not', null)

  const members = await db
    .selectFrom('users as u')
    .where(inScope)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  const points = await db
    .selectFrom('points_ledger as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .where(inScope)
    .where('l.day', '>=', firstDay)
    .where('l.day', '<', nextFirstDay)
    .select((eb) => [
      eb.fn.sum<number | string | null>('l.delta').as('total'),
      eb.fn.count<number | string>('l.user_id').distinct().as('active'),
    ])
    .executeTakeFirstOrThrow()
  const reads = await db
    .selectFrom('announcement_reads as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
    .where(inScope)
    // Authors count as having read their own notices; that is not reading.
    .whereRef('a.author_id', '<>', 'r.user_id')
    .where('r.read_at', '>=', from)
    .where('r.read_at', '<', until)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  const attended = await db
    .selectFrom('event_signups as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .where(inScope)
    .where('s.status', '=', 'confirmed')
    .where('s.checked_in_at', '>=', from)
    .where('s.checked_in_at', '<', until)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  const trained = await db
    .selectFrom('checkins as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .where(inScope)
    .where('c.status', 'in', ['present', 'late'])
    .where('c.checked_in_at', '>=', from)
    .where('c.checked_in_at', '<', until)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()

  const memberCount = Number(members.n)
  const pointsTotal = Number(points.total ?? 0)
  return {
    scope: branch !== null ? 'branch' : 'park',
    branch,
    month,
    members: memberCount,
    activeMembers: Number(points.active),
    pointsTotal,
    pointsAverage: memberCount > 0 ? Math.round((pointsTotal / memberCount) * 10) / 10 : 0,
    noticesRead: Number(reads.n),
    eventsAttended: Number(attended.n),
    trainingsAttended: Number(trained.n),
  }
}
