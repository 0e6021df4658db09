import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Viewer } from './viewer'

/**
 * The SQL of the rules in rules.ts for a table with a branch column (`e.branch_id`, null meaning
 * park-wide). `branchId` may be a precompiled query's parameter; `parkAdmin` and whether the viewer
 * has a branch change the shape of the SQL, so they belong to such a query's cache key.
 */
type Audience = Pick<Viewer, 'parkAdmin' | 'branchId'>

function branchFilter(viewer: Audience, branchColumn: string, everyBranchForParkAdmins: boolean) {
  const branch = sql.ref(branchColumn)
  if (everyBranchForParkAdmins && viewer.parkAdmin) return sql<SqlBool>`1 = 1`
  if (viewer.branchId === null) return sql<SqlBool>`${branch} is null`
  return sql<SqlBool>`(${branch} is null or ${branch} = ${viewer.branchId})`
}

/** Rows the viewer may open (canView): park-wide, their branch's, and for park admins all. */
export function visibleTo(viewer: Audience, branchColumn: string): RawBuilder<SqlBool> {
  return branchFilter(viewer, branchColumn, true)
}

/** Rows addressed to the viewer (isAddressedTo): park-wide and their own branch's. */
export function addressedTo(viewer: Audience, branchColumn: string): RawBuilder<SqlBool> {
  return branchFilter(viewer, branchColumn, false)
}

/**
 * Rows the viewer organises (canManage): everything for park admins, their branch's for a
 * secretary, nothing for anyone else.
 */
export function managedBy(
  viewer: Pick<Viewer, 'parkAdmin' | 'secretary' | 'branchId'>,
  branchColumn: string,
) {
  if (viewer.parkAdmin) return sql<SqlBool>`1 = 1`
  if (!viewer.secretary || viewer.branchId === null) return sql<SqlBool>`1 = 0`
  return sql<SqlBool>`${sql.ref(branchColumn)} = ${viewer.branchId}`
}
