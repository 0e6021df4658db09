import type { ExpressionBuilder, Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { notFound } from '../../errors'
import type { BranchStats, NamedRef } from '../../schemas'
import { branchToActFor, type Viewer } from '../access'
import { monthBounds, parkMonth } from '../park-time'
import { applicationsByStage, membersByPoliticalStatus, monthFigures } from '../stats/figures'
import { monthsEndingWith, TREND_MONTHS } from '../stats/months'

/*
 * Aggregate figures of a branch (or the park) for one month. Deliberately nothing per person: no
 * ranking, no "top members" — only counts, sums and an average.
 */

/** The current park-time month, `2026-11`: the default of the statistics page. */
export const currentMonth = (now: Date): string => parkMonth(now)

/** Whose figures the viewer may see: a secretary their own branch only; a park admin any, or the park. */
export function statsBranch(
  db: Kysely<Database>,
  viewer: Viewer,
  branchId: number | undefined,
): Promise<NamedRef | null> {
  return branchToActFor(db, viewer, branchId, { verb: '查看', noun: '统计' }, () => notFound('支部不存在'))
}

type UsersScope = ExpressionBuilder<Database & { u: Database['users'] }, 'u'>

export async function branchStats(
  db: Kysely<Database>,
  branch: NamedRef | null,
  month: string,
  now: Date,
): Promise<BranchStats> {
  const { firstDay, nextFirstDay, from, until } = monthBounds(month)
  // The branch's members, or everyone who belongs to a branch of the park.
  const inScope = (eb: UsersScope) =>
    branch !== null ? eb('u.branch_id', '=', branch.id) : eb('u.branch_id', 'is not', null)

  // Members still in the park; what those who left did before stays in the figures below.
  const members = await db
    .selectFrom('users as u')
    .where(inScope)
    .where('u.active', '=', 1)
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
    byPoliticalStatus: await membersByPoliticalStatus(db, branch),
    applicationsByStage: await applicationsByStage(db, branch),
    trend: await monthFigures(db, branch, monthsEndingWith(month, TREND_MONTHS), now),
  }
}
