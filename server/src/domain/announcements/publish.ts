import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { validationFailed } from '../../errors'
import type { Scope } from '../../schemas'
import { branchToActFor, type Viewer } from '../access'

export interface PublishTarget {
  scope: Scope
  branchId: number | null
}

/**
 * Where a notice goes: park-wide (park admins only), or one branch — the publisher's own unless a
 * park admin names another. A branch notice without `branchId` goes to the publisher's own branch.
 */
export async function publishTarget(
  db: Kysely<Database>,
  viewer: Viewer,
  request: { scope: Scope; branchId?: number | undefined },
): Promise<PublishTarget> {
  const action = { verb: '发布', noun: '通知' }
  if (request.scope === 'park') {
    if (request.branchId !== undefined && viewer.parkAdmin) {
      throw validationFailed('body/branchId 园区通知不能指定支部')
    }
    await branchToActFor(db, viewer, null, action)
    return { scope: 'park', branchId: null }
  }
  const requested = request.branchId ?? viewer.branchId
  if (requested === null) {
    await branchToActFor(db, viewer, undefined, action)
    throw validationFailed('body/branchId 不能为空:支部通知需要指定支部')
  }
  const branch = await branchToActFor(db, viewer, requested, action)
  return { scope: 'branch', branchId: branch?.id ?? null }
}
