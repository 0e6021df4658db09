import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../../db/types'
import type { Branch, NamedRef, Role } from '../../schemas'
import { toBranch } from './mapper'

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
