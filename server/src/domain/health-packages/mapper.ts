import type { HealthPackageRow } from '../../db/types'
import type { ClaimStatus, HealthPackage } from '../../schemas'
import type { Viewer } from '../access'
import { ineligibleReason, packageStatus } from './rules'

/** A batch as the viewer sees it: its status by the server's clock, their eligibility and own claim. */
export function toHealthPackage(
  row: HealthPackageRow,
  viewer: Viewer,
  claim: { code: string; status: ClaimStatus } | null,
  now: Date,
): HealthPackage {
  const reason = ineligibleReason(viewer)
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    stock: row.stock,
    remaining: row.remaining,
    claimStart: row.claim_start,
    claimEnd: row.claim_end,
    status: packageStatus(row, now),
    eligible: reason === null,
    ineligibleReason: reason,
    myClaim: claim,
  }
}
