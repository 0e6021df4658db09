import { ApiError, errorMessage } from '@/services/api-error'

/** What the admin is told when a code cannot be redeemed. */
export function redeemErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return '核销码不存在'
    if (error.code === 'ALREADY_REDEEMED') return '该核销码已核销'
  }
  return errorMessage(error)
}
