import type {
  ClaimResult,
  HealthPackage,
  HealthPackageCreate,
  HealthPackageList,
  PackageClaim,
  PackageClaimList,
  RedeemResult,
} from '../../types/api'
import { withIdempotencyKey } from './idempotency'
import { request } from './request'

/** Every batch (the open one first), with my eligibility and my claim. */
export function list(): Promise<HealthPackage[]> {
  return request<HealthPackageList>('/api/health-packages').then((page) => page.items)
}

/**
 * 领取: answers the pickup code. Idempotent: a retry after a network error carries the same key, so a
 * CEO on a bad connection can never claim twice (and never loses the code of the first claim).
 */
export function claim(id: number): Promise<ClaimResult> {
  return withIdempotencyKey(`health-claim:${id}`, (key) =>
    request<ClaimResult>(`/api/health-packages/${id}/claim`, {
      method: 'POST',
      header: { 'Idempotency-Key': key },
    }),
  )
}

/** Park admins: a new batch. */
export function create(input: HealthPackageCreate): Promise<HealthPackage> {
  return request<HealthPackage>('/api/health-packages', { method: 'POST', data: input })
}

/** Park admins: 核销 a pickup code (case and dashes do not matter). */
export function redeem(code: string): Promise<RedeemResult> {
  return request<RedeemResult>('/api/health-packages/redeem', { method: 'POST', data: { code } })
}

/** Park admins: who claimed a batch and who picked it up. */
export function claims(id: number): Promise<PackageClaim[]> {
  return request<PackageClaimList>(`/api/health-packages/${id}/claims`).then((page) => page.items)
}
