import { ApiError, errorMessage } from '@/services/api-error'

/** What staff are told when a card does not verify; the QR's owner is then not who they say. */
export function cardErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'CARD_EXPIRED') return '名片已过期'
    if (error.code === 'CARD_INVALID') return '名片无效'
  }
  return errorMessage(error)
}

/** What to do next, for the two card failures. */
export function cardErrorHint(error: unknown): string | undefined {
  if (error instanceof ApiError) {
    if (error.code === 'CARD_EXPIRED') return '请对方在“我的党员名片”页刷新后重新出示'
    if (error.code === 'CARD_INVALID') return '这不是红e园区的党员名片，或内容不完整'
  }
  return undefined
}
