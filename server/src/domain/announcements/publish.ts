import { forbidden, validationFailed } from '../../errors'
import type { Scope } from '../../schemas'
import type { CurrentUser } from '../users/mapper'

export interface PublishTarget {
  scope: Scope
  branchId: number | null
}

/**
 * Who may publish where: a park admin anywhere, a secretary only to their own branch.
 * A branch notice without `branchId` goes to the publisher's own branch.
 */
export function resolvePublishTarget(
  user: CurrentUser,
  request: { scope: Scope; branchId?: number | undefined },
): PublishTarget {
  const isParkAdmin = user.roles.includes('park_admin')
  const isSecretary = user.roles.includes('secretary')
  if (!isParkAdmin && !isSecretary) throw forbidden('只有支部书记或园区管理员可以发布通知')

  if (request.scope === 'park') {
    if (!isParkAdmin) throw forbidden('只有园区管理员可以发布园区通知')
    if (request.branchId !== undefined) throw validationFailed('body/branchId 园区通知不能指定支部')
    return { scope: 'park', branchId: null }
  }

  const branchId = request.branchId ?? user.branch?.id ?? null
  if (branchId === null) throw validationFailed('body/branchId 不能为空:支部通知需要指定支部')
  if (!isParkAdmin && branchId !== user.branch?.id) throw forbidden('只能向本支部发布通知')
  return { scope: 'branch', branchId }
}
