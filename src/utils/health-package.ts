import type { HealthPackage } from '../../types/api'

/**
 * What the 健康大礼包 card shows, straight from the server's fields: my own claim first (it stays mine
 * whatever happened to the stock), then why I may not claim, then the batch's status.
 */
export type PackageCardState =
  | { kind: 'claimable' }
  | { kind: 'claimed' | 'redeemed'; code: string }
  | { kind: 'ineligible'; reason: string }
  | { kind: Exclude<HealthPackage['status'], 'open'> }

export function cardState(
  batch: Pick<HealthPackage, 'status' | 'eligible' | 'ineligibleReason' | 'myClaim'>,
) {
  if (batch.myClaim) return { kind: batch.myClaim.status, code: batch.myClaim.code } as PackageCardState
  if (!batch.eligible)
    return { kind: 'ineligible', reason: batch.ineligibleReason ?? '暂无领取资格' } as PackageCardState
  if (batch.status === 'open') return { kind: 'claimable' } as PackageCardState
  return { kind: batch.status } as PackageCardState
}

export const PACKAGE_STATE_LABELS: Record<
  Exclude<PackageCardState['kind'], 'claimable' | 'ineligible'>,
  string
> = {
  claimed: '已领取',
  redeemed: '已核销',
  sold_out: '已抢完',
  not_started: '未开始',
  ended: '已结束',
}
