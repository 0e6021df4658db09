import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { ClaimResult } from '../../schemas'
import type { Viewer } from '../access'
import { formatParkTime } from '../park-time'
import { newPickupCode } from './pickup-code'
import { packageNotFound } from './repository'
import { ineligibleReason, packageStatus } from './rules'

const alreadyClaimed = () => new AppError(409, 'ALREADY_CLAIMED', '您已领取过该礼包,每人限领一份')

/**
 * Claims one package for the user, in the caller's transaction. Checks in this order: eligibility,
 * claim window, an earlier claim; then takes one from stock by a guarded update (never below zero)
 * and records the claim, whose unique (package, member) key stops a concurrent second claim.
 */
export async function claimHealthPackage(
  trx: Kysely<Database>,
  viewer: Viewer,
  packageId: number,
  now: Date,
): Promise<ClaimResult> {
  const batch = await trx
    .selectFrom('health_packages')
    .selectAll()
    .where('id', '=', packageId)
    .executeTakeFirst()
  if (!batch) throw packageNotFound()
  const ineligible = ineligibleReason(viewer)
  if (ineligible) throw new AppError(403, 'NOT_ELIGIBLE', `${ineligible},您暂不符合领取条件`)
  const at = now.toISOString()
  const status = packageStatus(batch, now)
  if (status === 'not_started') {
    throw new AppError(
      422,
      'CLAIM_WINDOW_CLOSED',
      `领取尚未开始,请于 ${formatParkTime(batch.claim_start)} 后再来`,
    )
  }
  if (status === 'ended') throw new AppError(422, 'CLAIM_WINDOW_CLOSED', '领取已结束')

  const earlier = await trx
    .selectFrom('health_claims')
    .select('id')
    .where('package_id', '=', packageId)
    .where('user_id', '=', viewer.id)
    .executeTakeFirst()
  if (earlier) throw alreadyClaimed()

  const taken = await trx
    .updateTable('health_packages')
    .set((eb) => ({ remaining: eb('remaining', '-', 1) }))
    .where('id', '=', packageId)
    .where('remaining', '>', 0)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) === 0) throw new AppError(410, 'OUT_OF_STOCK', '礼包已抢完')

  const code = newPickupCode()
  try {
    await trx
      .insertInto('health_claims')
      .values({ package_id: packageId, user_id: viewer.id, code, status: 'claimed', claimed_at: at })
      .execute()
  } catch (error) {
    // A concurrent claim by the same member won. (A clash of two random codes, one in 10^12, lands
    // here too; the member simply tries again.)
    if (isUniqueViolation(error)) throw alreadyClaimed()
    throw error
  }
  return { code, status: 'claimed' }
}
