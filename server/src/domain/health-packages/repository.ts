import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database, HealthPackageRow } from '../../db/types'
import { AppError, notFound } from '../../errors'
import type {
  ClaimResult,
  ClaimStatus,
  HealthPackage,
  HealthPackageCreate,
  PackageClaim,
  RedeemResult,
} from '../../schemas'
import type { Viewer } from '../access'
import { isoTime, requiredText } from '../input'
import { formatParkTime } from '../park-time'
import { newPickupCode, normalisePickupCode } from './pickup-code'
import { checkClaimWindow, ineligibleReason } from './rules'

const packageNotFound = () => notFound('健康大礼包不存在')

function toHealthPackage(
  row: HealthPackageRow,
  viewer: Viewer,
  claim: { code: string; status: ClaimStatus } | null,
): HealthPackage {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    stock: row.stock,
    remaining: row.remaining,
    claimStart: row.claim_start,
    claimEnd: row.claim_end,
    eligible: ineligibleReason(viewer) === null,
    ineligibleReason: ineligibleReason(viewer),
    myClaim: claim,
  }
}

/** Every batch, the current claim window first, then newer batches first; with the viewer's own claim. */
export async function listHealthPackages(db: Kysely<Database>, viewer: Viewer): Promise<HealthPackage[]> {
  const rows = await db
    .selectFrom('health_packages as p')
    .leftJoin('health_claims as c', (join) =>
      join.onRef('c.package_id', '=', 'p.id').on('c.user_id', '=', viewer.id),
    )
    .selectAll('p')
    .select(['c.code as claim_code', 'c.status as claim_status'])
    .orderBy('p.claim_end', 'desc')
    .orderBy('p.id', 'desc')
    .execute()
  return rows.map(({ claim_code, claim_status, ...row }) =>
    toHealthPackage(
      row,
      viewer,
      claim_code !== null && claim_status !== null ? { code: claim_code, status: claim_status } : null,
    ),
  )
}

export async function createHealthPackage(
  db: Kysely<Database>,
  admin: Viewer,
  input: HealthPackageCreate,
  now: Date,
): Promise<HealthPackage> {
  const name = requiredText(input.name, 'name')
  const claimStart = isoTime(input.claimStart, 'claimStart')
  const claimEnd = isoTime(input.claimEnd, 'claimEnd')
  checkClaimWindow(claimStart, claimEnd, now)

  const row = await db
    .insertInto('health_packages')
    .values({
      name,
      description: input.description.trim(),
      stock: input.stock,
      remaining: input.stock,
      claim_start: claimStart,
      claim_end: claimEnd,
      created_by: admin.id,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toHealthPackage(row, admin, null)
}

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
  if (at < batch.claim_start)
    throw new AppError(422, 'CLAIM_WINDOW_CLOSED', '领取尚未开始,请在领取时间内再来')
  if (at > batch.claim_end) throw new AppError(422, 'CLAIM_WINDOW_CLOSED', '领取已结束')

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

/** Marks a pickup code redeemed, exactly once: the guarded update lets only one of two scans through. */
export async function redeemPickupCode(
  db: Kysely<Database>,
  admin: Viewer,
  input: string,
  now: Date,
): Promise<RedeemResult> {
  const code = normalisePickupCode(input)
  const redeemed = await db
    .updateTable('health_claims')
    .set({ status: 'redeemed', redeemed_at: now.toISOString(), redeemed_by: admin.id })
    .where('code', '=', code)
    .where('status', '=', 'claimed')
    .executeTakeFirst()
  const claim = await db
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

/** Who claimed a batch and who has picked it up, in claim order. */
export async function listClaims(db: Kysely<Database>, packageId: number): Promise<PackageClaim[]> {
  const batch = await db
    .selectFrom('health_packages')
    .select('id')
    .where('id', '=', packageId)
    .executeTakeFirst()
  if (!batch) throw packageNotFound()
  const rows = await db
    .selectFrom('health_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('companies as co', 'co.id', 'u.company_id')
    .select([
      'c.code',
      'c.status',
      'c.claimed_at',
      'c.redeemed_at',
      'u.id as user_id',
      'u.name as user_name',
      'u.company_id',
      'co.name as company_name',
    ])
    .where('c.package_id', '=', packageId)
    .orderBy('c.claimed_at')
    .orderBy('c.id')
    .execute()
  return rows.map((row) => ({
    code: row.code,
    status: row.status,
    member: {
      id: row.user_id,
      name: row.user_name,
      company:
        row.company_id !== null && row.company_name !== null
          ? { id: row.company_id, name: row.company_name }
          : null,
    },
    claimedAt: row.claimed_at,
    redeemedAt: row.redeemed_at,
  }))
}
