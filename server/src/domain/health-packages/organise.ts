import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError, notFound } from '../../errors'
import type { HealthPackage, HealthPackageCreate, RedeemResult } from '../../schemas'
import type { Viewer } from '../access'
import { isoTime, optionalText, requiredText } from '../input'
import { formatParkTime } from '../park-time'
import { toHealthPackage } from './mapper'
import { normalisePickupCode } from './pickup-code'
import { checkClaimWindow } from './rules'

/** A new batch (park admins). */
export async function createHealthPackage(
  trx: Kysely<Database>,
  admin: Viewer,
  input: HealthPackageCreate,
  now: Date,
): Promise<HealthPackage> {
  const name = requiredText(input.name, 'name')
  const claimStart = isoTime(input.claimStart, 'claimStart')
  const claimEnd = isoTime(input.claimEnd, 'claimEnd')
  checkClaimWindow(claimStart, claimEnd, now)

  const row = await trx
    .insertInto('health_packages')
    .values({
      name,
      description: optionalText(input.description) ?? '',
      stock: input.stock,
      remaining: input.stock,
      claim_start: claimStart,
      claim_end: claimEnd,
      created_by: admin.id,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toHealthPackage(row, admin, null, now)
}

/** Marks a pickup code redeemed, exactly once: the guarded update lets only one of two scans through. */
export async function redeemPickupCode(
  trx: Kysely<Database>,
  admin: Viewer,
  input: string,
  now: Date,
): Promise<RedeemResult> {
  const code = normalisePickupCode(input)
  const redeemed = await trx
    .updateTable('health_claims')
    .set({ status: 'redeemed', redeemed_at: now.toISOString(), redeemed_by: admin.id })
    .where('code', '=', code)
    .where('status', '=', 'claimed')
    .executeTakeFirst()
  const claim = await trx
    .selectFrom('health_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.code', 'c.redeemed_at', 'u.id as user_id', 'u.name as user_name'])
    .where('c.code', '=', code)
    .executeTakeFirst()
  if (!claim) throw notFound('取件码不存在,请核对后重试')
  if (Number(redeemed.numUpdatedRows) === 0) {
    const when = claim.redeemed_at ? `(${formatParkTime(claim.redeemed_at)} 已核销)` : ''
    throw new AppError(409, 'ALREADY_REDEEMED', `该取件码已核销,不能重复核销${when}`)
  }
  return { code: claim.code, status: 'redeemed', member: { id: claim.user_id, name: claim.user_name } }
}
