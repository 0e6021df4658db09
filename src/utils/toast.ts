import Taro from '@tarojs/taro'
import { errorMessage } from '@/services/api-error'

/** A Chinese toast for a failed call (ApiError.message is written for people). */
export function toastError(error: unknown) {
  Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 }).catch(() => undefined)
}

export function toastSuccess(title: string) {
  Taro.showToast({ title, icon: 'success', duration: 1500 }).catch(() => undefined)
}
