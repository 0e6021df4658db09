import type { HealthPackage } from '../../types/api'

export type PackageState =
  | { kind: 'claimable' }
  | { kind: 'claimed'; code: string }
  | { kind: 'redeemed'; code: string }
  | { kind: 'soldOut' }
  | { kind: 'notStarted' }
  | { kind: 'ended' }
  | { kind: 'ineligible'; reason: string }

type StateInput = Pick<
  HealthPackage,
  'eligible' | 'ineligibleReason' | 'remaining' | 'claimStart' | 'claimEnd' | 'myClaim'
>

/** Where I stand with a batch. My own claim always shows, whatever happened to the stock since. */
export function packageState(batch: StateInput, now: number = Date.now()): PackageState {
  if (batch.myClaim) {
    return batch.myClaim.status === 'redeemed'
      ? { kind: 'redeemed', code: batch.myClaim.code }
      : { kind: 'claimed', code: batch.myClaim.code }
  }
  if (!batch.eligible) return { kind: 'ineligible', reason: batch.ineligibleReason ?? '暂无领取资格' }
  if (now < Date.parse(batch.claimStart)) return { kind: 'notStarted' }
  if (batch.remaining <= 0) return { kind: 'soldOut' }
  if (now > Date.parse(batch.claimEnd)) return { kind: 'ended' }
  return { kind: 'claimable' }
}

export const PACKAGE_STATE_LABELS: Record<
  Exclude<PackageState['kind'], 'claimable' | 'ineligible'>,
  string
> = {
  claimed: '已领取',
  redeemed: '已核销',
  soldOut: '已抢完',
  notStarted: '未开始',
  ended: '已结束',
}

/**
 * The batch the 我的 card shows: one I have claimed and not picked up, else the one open now, else the
 * next to open, else the latest.
 */
export function currentBatch<T extends StateInput & { id: number }>(
  batches: readonly T[],
  now: number = Date.now(),
): T | null {
  const waiting = batches.find((batch) => batch.myClaim?.status === 'claimed')
  if (waiting) return waiting
  const open = batches.find(
    (batch) => Date.parse(batch.claimStart) <= now && now <= Date.parse(batch.claimEnd),
  )
  if (open) return open
  const upcoming = batches
    .filter((batch) => Date.parse(batch.claimStart) > now)
    .sort((a, b) => Date.parse(a.claimStart) - Date.parse(b.claimStart))
  if (upcoming.length > 0) return upcoming[0]
  return [...batches].sort((a, b) => Date.parse(b.claimEnd) - Date.parse(a.claimEnd))[0] ?? null
}
