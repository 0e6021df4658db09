import { validationFailed } from '../../errors'
import type { HealthPackage, PackageStatus, PoliticalStatus } from '../../schemas'
import type { Viewer } from '../access'

/** Party members, full or probationary: the 党员 of 党员CEO. */
const IN_THE_PARTY: readonly PoliticalStatus[] = ['party_member', 'probationary']

/**
 * Why the viewer may not claim the 党员CEO health package, or null when they may: it is for CEOs of
 * the park's companies who are party members (full or probationary).
 */
export function ineligibleReason(viewer: Pick<Viewer, 'isCeo' | 'politicalStatus'>): string | null {
  if (!viewer.isCeo) return '仅限园区企业党员CEO领取'
  if (!IN_THE_PARTY.includes(viewer.politicalStatus)) return '仅限党员(含预备党员)CEO领取'
  return null
}

/** A batch is put out for a claim window that has not ended yet. */
export function checkClaimWindow(claimStart: string, claimEnd: string, now: Date): void {
  if (claimEnd <= claimStart) throw validationFailed('body/claimEnd 必须晚于领取开始时间 claimStart')
  if (claimEnd < now.toISOString()) throw validationFailed('body/claimEnd 领取结束时间不能早于当前时间')
}

/**
 * Where a batch stands. The window comes before the stock, as in a claim: a batch whose window has
 * ended is 已结束 even when it also ran out.
 */
export function packageStatus(
  batch: { claim_start: string; claim_end: string; remaining: number },
  now: Date,
): PackageStatus {
  const at = now.toISOString()
  if (at < batch.claim_start) return 'not_started'
  if (at > batch.claim_end) return 'ended'
  return batch.remaining > 0 ? 'open' : 'sold_out'
}

/**
 * The batch 我的 shows: one the viewer claimed and has not picked up yet, else the one open now,
 * else the next to open, else the latest. `batches` come newest window first.
 */
export function currentBatch(batches: readonly HealthPackage[]): HealthPackage | null {
  const waiting = batches.find((batch) => batch.myClaim?.status === 'claimed')
  if (waiting) return waiting
  const open = batches.find((batch) => batch.status === 'open' || batch.status === 'sold_out')
  if (open) return open
  const upcoming = batches
    .filter((batch) => batch.status === 'not_started')
    .sort((a, b) => a.claimStart.localeCompare(b.claimStart))
  return upcoming[0] ?? batches[0] ?? null
}
