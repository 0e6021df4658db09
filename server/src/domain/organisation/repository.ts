import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../../db/types'
import type {
  AuditEntity,
  AuditEntry,
  Branch,
  Company,
  CompanyStatus,
  JoinRequest,
  JoinRequestStatus,
  Member,
  MyJoinRequest,
  NamedRef,
  PageOf,
  PoliticalStatus,
  Role,
} from '../../schemas'
import type { Viewer } from '../access/viewer'
import { encodeCursor, pageFrom } from '../cursor'
import {
  toAuditEntry,
  toBranch,
  toCompany,
  toJoinRequest,
  toMember,
  toMyJoinRequest,
  type JoinRequestRow,
  type RosterRow,
} from './mapper'
import { managesRoster } from './rules'

/*
 * The park's organisation: its companies, their branches and who belongs where. Other domains ask
 * here instead of reading these tables themselves.
 */

export async function findBranch(db: Kysely<Database>, branchId: number): Promise<NamedRef | undefined> {
  return db.selectFrom('branches').select(['id', 'name']).where('id', '=', branchId).executeTakeFirst()
}

export async function branchExists(db: Kysely<Database>, branchId: number): Promise<boolean> {
  return (await findBranch(db, branchId)) !== undefined
}

/** Every branch of the park, in roster order. */
export async function listBranches(db: Kysely<Database>): Promise<NamedRef[]> {
  return db.selectFrom('branches').select(['id', 'name']).orderBy('id').execute()
}

/** A person on the roster with the branch they belong to (null: none yet). */
export interface Membership {
  id: number
  name: string
  branchId: number | null
}

export async function findMembership(db: Kysely<Database>, userId: number): Promise<Membership | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'name', 'branch_id'])
    .where('id', '=', userId)
    .executeTakeFirst()
  return row && { id: row.id, name: row.name, branchId: row.branch_id }
}

/** SQL: the person `u` holds `role` (roles are comma-joined text). */
export const hasRole = (role: Role, column = 'u.roles') =>
  sql<SqlBool>`(',' || ${sql.ref(column)} || ',') like ${`%,${role},%`}`

/** The branches (all, or those of `ids`) with their companies, secretary and member count. */
export async function listBranchDetails(db: Kysely<Database>, ids?: readonly number[]): Promise<Branch[]> {
  if (ids && ids.length === 0) return []
  let query = db
    .selectFrom('branches as b')
    .select((eb) => [
      'b.id',
      'b.name',
      'b.kind',
      eb
        .selectFrom('users as u')
        .select('u.id')
        .whereRef('u.branch_id', '=', 'b.id')
        .where('u.active', '=', 1)
        .where(hasRole('secretary'))
        .orderBy('u.id')
        .limit(1)
        .as('secretary_id'),
      eb
        .selectFrom('users as u')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('u.branch_id', '=', 'b.id')
        .where('u.active', '=', 1)
        .where('u.roles', '<>', '')
        .as('member_count'),
    ])
    .orderBy('b.id')
  if (ids) query = query.where('b.id', 'in', ids)
  const rows = await query.execute()
  const secretaryIds = rows.map((row) => row.secretary_id).filter((id): id is number => id !== null)
  const [secretaries, companies] = await Promise.all([
    secretaryIds.length
      ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', secretaryIds).execute()
      : [],
    db
      .selectFrom('companies')
      .select(['id', 'name', 'branch_id'])
      .where('branch_id', 'in', rows.length ? rows.map((row) => row.id) : [0])
      .orderBy('id')
      .execute(),
  ])
  const secretaryName = new Map(secretaries.map((person) => [person.id, person.name]))
  return rows.map((row) =>
    toBranch(
      {
        ...row,
        secretary_name: row.secretary_id === null ? null : (secretaryName.get(row.secretary_id) ?? null),
        member_count: row.member_count ?? 0,
      },
      companies.filter((company) => company.branch_id === row.id).map(({ id, name }) => ({ id, name })),
    ),
  )
}

function selectCompanies(db: Kysely<Database>) {
  return db
    .selectFrom('companies as c')
    .leftJoin('branches as b', 'b.id', 'c.branch_id')
    .leftJoin('users as i', 'i.id', 'c.instructor_id')
    .select([
      'c.id',
      'c.name',
      'c.industry',
      'c.status',
      'c.branch_id',
      'b.name as branch_name',
      'b.kind as branch_kind',
      'c.instructor_id',
      'i.name as instructor_name',
    ])
}

/** `%text%` for LIKE, with the wildcards of the text itself escaped (`escape '\'`). */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

/**
 * The companies a viewer may list: every one for park admins, those their branch covers for a
 * secretary. Ordered by id, paged by id.
 */
export async function listCompanies(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: { q?: string; status?: CompanyStatus; limit: number; afterId: number | null },
): Promise<PageOf<Company>> {
  let query = selectCompanies(db)
    .orderBy('c.id')
    .limit(filter.limit + 1)
  if (!viewer.parkAdmin) query = query.where('c.branch_id', '=', viewer.branchId ?? 0)
  if (filter.q) query = query.where(sql<SqlBool>`c.name like ${containing(filter.q)} escape '\\'`)
  if (filter.status) query = query.where('c.status', '=', filter.status)
  if (filter.afterId !== null) query = query.where('c.id', '>', filter.afterId)
  const rows = await query.execute()
  return pageFrom(rows, filter.limit, toCompany, (row) => encodeCursor([row.id]))
}

export async function findCompany(db: Kysely<Database>, id: number): Promise<Company | undefined> {
  const row = await selectCompanies(db).where('c.id', '=', id).executeTakeFirst()
  return row && toCompany(row)
}

/** Companies by exact name, for the CSV import. */
export async function companiesByName(db: Kysely<Database>) {
  const rows = await db.selectFrom('companies').select(['id', 'name', 'branch_id']).execute()
  return new Map(rows.map((row) => [row.name, { id: row.id, branchId: row.branch_id }]))
}

export async function branchesByName(db: Kysely<Database>) {
  const rows = await db.selectFrom('branches').select(['id', 'name']).execute()
  return new Map(rows.map((row) => [row.name, row.id]))
}

export function selectRoster(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .leftJoin('branches as b', 'b.id', 'u.branch_id')
    .leftJoin('companies as c', 'c.id', 'u.company_id')
    .select([
      'u.id',
      'u.name',
      'u.phone',
      'u.company_id',
      'c.name as company_name',
      'u.branch_id',
      'b.name as branch_name',
      'u.political_status',
      'u.roles',
      'u.is_ceo',
      'u.birth_date',
      'u.wechat_openid',
      'u.active',
    ])
    .where('u.roles', '<>', '')
}

export interface RosterFilter {
  branchId?: number
  q?: string
  politicalStatus?: PoliticalStatus
  active?: '1' | '0' | 'all'
}

function filteredRoster(db: Kysely<Database>, viewer: Viewer, filter: RosterFilter) {
  let query = selectRoster(db)
  if (!viewer.parkAdmin) query = query.where('u.branch_id', '=', viewer.branchId ?? 0)
  if (filter.branchId !== undefined) query = query.where('u.branch_id', '=', filter.branchId)
  if (filter.politicalStatus) query = query.where('u.political_status', '=', filter.politicalStatus)
  const active = filter.active ?? '1'
  if (active !== 'all') query = query.where('u.active', '=', active === '1' ? 1 : 0)
  if (filter.q) {
    const pattern = containing(filter.q)
    query = query.where(
      sql<SqlBool>`(u.name like ${pattern} escape '\\' or u.phone like ${pattern} escape '\\')`,
    )
  }
  return query
}

/** The roster a viewer runs (a secretary: their branch's; park admins: all), filtered, by id. */
export async function listMembers(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: RosterFilter & { limit: number; afterId: number | null },
): Promise<PageOf<Member>> {
  let query = filteredRoster(db, viewer, filter)
    .orderBy('u.id')
    .limit(filter.limit + 1)
  if (filter.afterId !== null) query = query.where('u.id', '>', filter.afterId)
  const rows = await query.execute()
  return pageFrom(
    rows,
    filter.limit,
    (row) => toMember(row, viewer),
    (row) => encodeCursor([row.id]),
  )
}

/** The whole filtered roster, for the CSV export. */
export async function listAllMembers(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: RosterFilter,
): Promise<RosterRow[]> {
  return filteredRoster(db, viewer, filter).orderBy('u.branch_id').orderBy('u.id').execute()
}

/** A roster entry the viewer runs, or undefined (answered 404 as if it did not exist). */
export async function findManagedMember(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<RosterRow | undefined> {
  const row = await selectRoster(db).where('u.id', '=', id).executeTakeFirst()
  return row && managesRoster(viewer, row.branch_id) ? row : undefined
}

export function selectJoinRequests(db: Kysely<Database>) {
  return db
    .selectFrom('join_requests as j')
    .innerJoin('branches as b', 'b.id', 'j.branch_id')
    .innerJoin('companies as c', 'c.id', 'j.company_id')
    .leftJoin('users as d', 'd.id', 'j.decided_by')
    .select([
      'j.id',
      'j.user_id',
      'j.status',
      'j.name',
      'j.phone',
      'j.company_id',
      'c.name as company_name',
      'j.branch_id',
      'b.name as branch_name',
      'j.note',
      'j.reason',
      'j.created_at',
      'j.decided_at',
      'j.decided_by',
      'd.name as decider_name',
      'j.member_id',
    ])
}

/** Join requests to the branches the viewer runs, newest first. */
export async function listJoinRequests(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: { status?: JoinRequestStatus; branchId?: number; limit: number; beforeId: number | null },
): Promise<PageOf<JoinRequest>> {
  let query = selectJoinRequests(db)
    .orderBy('j.id', 'desc')
    .limit(filter.limit + 1)
  if (!viewer.parkAdmin) query = query.where('j.branch_id', '=', viewer.branchId ?? 0)
  if (filter.branchId !== undefined) query = query.where('j.branch_id', '=', filter.branchId)
  if (filter.status) query = query.where('j.status', '=', filter.status)
  if (filter.beforeId !== null) query = query.where('j.id', '<', filter.beforeId)
  const rows = await query.execute()
  return pageFrom(
    rows,
    filter.limit,
    (row) => toJoinRequest(row, viewer),
    (row) => encodeCursor([row.id]),
  )
}

/** A join request to a branch the viewer runs, or undefined. */
export async function findManagedJoinRequest(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<JoinRequestRow | undefined> {
  const row = await selectJoinRequests(db).where('j.id', '=', id).executeTakeFirst()
  return row && managesRoster(viewer, row.branch_id) ? row : undefined
}

/** The latest join request of an account: what /api/me shows someone not on the roster yet. */
export async function latestJoinRequestOf(
  db: Kysely<Database>,
  userId: number,
): Promise<MyJoinRequest | null> {
  const row = await selectJoinRequests(db)
    .where('j.user_id', '=', userId)
    .orderBy('j.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toMyJoinRequest(row) : null
}

/** The audit log, newest first. */
export async function listAudit(
  db: Kysely<Database>,
  filter: { entity?: AuditEntity; entityId?: number; limit: number; beforeId: number | null },
): Promise<PageOf<AuditEntry>> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.actor_id',
      'u.name as actor_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before_json',
      'a.after_json',
      'a.at',
    ])
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1)
  if (filter.entity) query = query.where('a.entity', '=', filter.entity)
  if (filter.entityId !== undefined) query = query.where('a.entity_id', '=', filter.entityId)
  if (filter.beforeId !== null) query = query.where('a.id', '<', filter.beforeId)
  const rows = await query.execute()
  return pageFrom(rows, filter.limit, toAuditEntry, (row) => encodeCursor([row.id]))
}
