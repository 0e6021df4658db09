import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { forbidden, notFound } from '../../errors'
import type {
  Application,
  ApplicationListQuery,
  ApplicationOverview,
  ApplicationSummary,
  NamedRef,
} from '../../schemas'
import type { Viewer } from '../access'
import { parkDay } from '../park-time'
import { toApplication, toSummary, trailOfRows, type ApplicationRow, type RecordRow } from './mapper'
import { STAGE_NAMES } from './steps'

export const applicationNotFound = () => notFound('入党申请不存在')

type Db = Kysely<Database>

/** The branch that handles an application: the applicant's current one (the file moves with them). */
const HANDLING_BRANCH = sql<number>`coalesce(u.branch_id, a.branch_id)`

function baseQuery(db: Db) {
  return db
    .selectFrom('applications as a')
    .innerJoin('application_state as s', 's.application_id', 'a.id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('branches as b', (join) => join.on(sql<boolean>`b.id = coalesce(u.branch_id, a.branch_id)`))
    .innerJoin('users as c', 'c.id', 'a.created_by')
    .select([
      'a.id',
      'a.user_id',
      'u.name as member_name',
      'b.id as branch_id',
      'b.name as branch_name',
      'a.statement',
      'a.birth_date',
      'a.applied_on',
      'a.created_by',
      'c.name as creator_name',
      's.stage',
      's.stage_since',
    ])
}

/** Every application still under way (not withdrawn, not yet a full member), across branches. */
export async function listOpenApplications(db: Db): Promise<ApplicationRow[]> {
  return (await baseQuery(db)
    .where('s.stage', 'not in', ['withdrawn', 'full'])
    .orderBy('a.id')
    .execute()) as ApplicationRow[]
}

/** Every record of the given applications, in trail order, with the people each names. */
export async function loadRecords(db: Db, ids: readonly number[]): Promise<Map<number, RecordRow[]>> {
  const byApplication = new Map<number, RecordRow[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return byApplication
  const rows = await db
    .selectFrom('application_steps as st')
    .innerJoin('users as r', 'r.id', 'st.recorded_by')
    .selectAll('st')
    .select('r.name as recorder_name')
    .where('st.application_id', 'in', ids)
    .orderBy('st.application_id')
    .orderBy('st.seq')
    .execute()
  const people = rows.length
    ? await db
        .selectFrom('application_step_people as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.step_id', 'u.id', 'u.name'])
        .where(
          'p.step_id',
          'in',
          rows.map((row) => row.id),
        )
        .orderBy('u.id')
        .execute()
    : []
  const peopleOf = new Map<number, NamedRef[]>()
  for (const person of people) {
    peopleOf.set(person.step_id, [
      ...(peopleOf.get(person.step_id) ?? []),
      { id: person.id, name: person.name },
    ])
  }
  for (const row of rows) {
    byApplication.get(row.application_id)?.push({ ...row, people: peopleOf.get(row.id) ?? [] })
  }
  return byApplication
}

/** The application as a row, when the viewer may see it: the applicant, their secretary, park admins. */
export async function findVisibleApplication(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<ApplicationRow | null> {
  const row = (await baseQuery(db).where('a.id', '=', id).executeTakeFirst()) as ApplicationRow | undefined
  if (!row) return null
  const visible =
    viewer.parkAdmin || row.user_id === viewer.id || (viewer.secretary && viewer.branchId === row.branch_id)
  return visible ? row : null
}

async function materialsFor(db: Db, viewer: Viewer, now: Date): Promise<Application['materials']> {
  let query = db
    .selectFrom('courses')
    .select(['id', 'title'])
    .where('kind', '=', 'training')
    .where('ends_at', '>', now.toISOString())
  query =
    viewer.branchId === null
      ? query.where('branch_id', 'is', null)
      : query.where((eb) => eb.or([eb('branch_id', 'is', null), eb('branch_id', '=', viewer.branchId)]))
  const rows = await query.orderBy('starts_at').orderBy('id').limit(5).execute()
  return rows.map((row) => ({ courseId: row.id, title: row.title }))
}

export async function getApplication(db: Db, viewer: Viewer, id: number, now: Date): Promise<Application> {
  const row = await findVisibleApplication(db, viewer, id)
  if (!row) throw applicationNotFound()
  const records = (await loadRecords(db, [id])).get(id) ?? []
  return toApplication(row, records, viewer, parkDay(now), await materialsFor(db, viewer, now))
}

/** The viewer's own latest application, or 404. */
export async function getMyApplication(db: Db, viewer: Viewer, now: Date): Promise<Application> {
  const latest = await db
    .selectFrom('applications')
    .select('id')
    .where('user_id', '=', viewer.id)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!latest) throw notFound('还没有入党申请')
  return getApplication(db, viewer, latest.id, now)
}

/** The pipeline a viewer may see: a secretary their branch's, a park admin any branch's. */
export async function listApplications(
  db: Db,
  viewer: Viewer,
  query: ApplicationListQuery,
  now: Date,
): Promise<ApplicationSummary[]> {
  let select = baseQuery(db)
  if (viewer.parkAdmin) {
    if (query.branchId !== undefined) select = select.where(HANDLING_BRANCH, '=', query.branchId)
  } else if (viewer.secretary) {
    if (query.branchId !== undefined && query.branchId !== viewer.branchId) {
      throw forbidden('只能查看本支部的发展党员')
    }
    select = select.where(HANDLING_BRANCH, '=', viewer.branchId as number)
  } else {
    throw forbidden('只有支部书记和园区管理员可以查看发展党员')
  }
  select =
    query.stage === undefined
      ? select.where('s.stage', '<>', 'withdrawn')
      : select.where('s.stage', '=', query.stage)
  const rows = (await select.orderBy('b.id').orderBy('a.id').execute()) as ApplicationRow[]
  const records = await loadRecords(
    db,
    rows.map((row) => row.id),
  )
  const today = parkDay(now)
  const items = rows.map((row) => toSummary(row, trailOfRows(records.get(row.id) ?? []), today))
  const waiting = query.waiting
  const filtered = waiting ? items.filter((item) => item.nextStep?.level === waiting) : items
  // Overdue first, then what is due soonest; the rest by branch and application.
  return filtered.sort((x, y) => rank(x).localeCompare(rank(y)))
}

const rank = (item: ApplicationSummary) =>
  `${item.nextStep?.overdue ? 0 : 1}${item.nextStep?.dueBy ?? '9999-99-99'}${String(item.branch.id).padStart(10, '0')}${String(item.id).padStart(10, '0')}`

/** Counts by branch and stage, with what is overdue and what waits for the committee. */
export async function overview(db: Db, viewer: Viewer, now: Date): Promise<ApplicationOverview> {
  const items = await listApplications(db, viewer, {}, now)
  const branches = new Map<number, ApplicationOverview['branches'][number]>()
  const totals: ApplicationOverview['totals'] = { byStage: {}, overdue: 0, waitingForCommittee: 0 }
  const names = await db.selectFrom('branches').select(['id', 'name']).orderBy('id').execute()
  for (const branch of names) {
    if (!viewer.parkAdmin && branch.id !== viewer.branchId) continue
    branches.set(branch.id, { branch, byStage: {}, overdue: 0, waitingForCommittee: 0 })
  }
  for (const item of items) {
    const entry = branches.get(item.branch.id)
    if (!entry) continue
    for (const counts of [entry, totals]) {
      counts.byStage[item.stage] = (counts.byStage[item.stage] ?? 0) + 1
      if (item.nextStep?.overdue) counts.overdue += 1
      if (item.nextStep?.level === 'committee') counts.waitingForCommittee += 1
    }
  }
  return {
    stages: (['applied', 'activist', 'candidate', 'probationary', 'full'] as const).map((stage) => ({
      stage,
      name: STAGE_NAMES[stage],
    })),
    branches: [...branches.values()],
    totals,
  }
}

/** Members of the secretary's branch who may apply (on a paper letter): not in the party, no open application. */
export async function listEligibleMembers(db: Db, viewer: Viewer): Promise<NamedRef[]> {
  if (!viewer.secretary) throw forbidden('只有支部书记可以录入纸质入党申请')
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.branch_id', '=', viewer.branchId as number)
    .where('u.active', '=', 1)
    .where('u.roles', '<>', '')
    .where('u.political_status', 'not in', ['party_member', 'probationary'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('application_state as s')
            .select('s.application_id')
            .whereRef('s.user_id', '=', 'u.id')
            .where('s.stage', '<>', 'withdrawn'),
        ),
      ),
    )
    .orderBy('u.id')
    .execute()
}

/** Who may be named on an application's steps: the full party members of the applicant's branch. */
export async function listPartyMembersFor(db: Db, viewer: Viewer, id: number): Promise<NamedRef[]> {
  const row = await findVisibleApplication(db, viewer, id)
  if (!row) throw applicationNotFound()
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('branch_id', '=', row.branch_id)
    .where('political_status', '=', 'party_member')
    .where('active', '=', 1)
    .where('id', '<>', row.user_id)
    .orderBy('id')
    .execute()
}
