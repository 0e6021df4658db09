import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { notFound } from '../../errors'
import type { HealthPackage, PackageClaim } from '../../schemas'
import type { Viewer } from '../access'
import { toHealthPackage } from './mapper'
import { currentBatch } from './rules'
import { refOf } from '../organisation/mapper'

export const packageNotFound = () => notFound('健康大礼包不存在')

/** Every batch, newest window first, with the viewer's own claim. */
export async function listHealthPackages(
  db: Kysely<Database>,
  viewer: Viewer,
  now: Date,
): Promise<HealthPackage[]> {
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
      now,
    ),
  )
}

/** The one batch 我的 shows the viewer (see currentBatch), or null when there is none. */
export async function myCurrentHealthPackage(
  db: Kysely<Database>,
  viewer: Viewer,
  now: Date,
): Promise<HealthPackage | null> {
  return currentBatch(await listHealthPackages(db, viewer, now))
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
      company: refOf(row.company_id, row.company_name),
    },
    claimedAt: row.claimed_at,
    redeemedAt: row.redeemed_at,
  }))
}
