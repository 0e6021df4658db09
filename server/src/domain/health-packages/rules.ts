import { validationFailed } from '../../errors'
import type { PoliticalStatus } from '../../schemas'
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
