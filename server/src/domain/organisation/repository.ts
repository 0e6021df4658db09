import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { NamedRef } from '../../schemas'

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
