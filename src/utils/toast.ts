import Taro from '@tarojs/taro'
import { errorMessage } from '@/services/api-error'

/** A Chinese toast for a failed call (ApiError.message is written for people). */
export function toastError(error: unknown) {
  Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 }).catch(() => undefined)
}

export function toastSuccess(title: string) {
  Taro.showToast({ title, icon: 'success', duration: 1500 }).catch(() => undefined)
}

/** A longer message without an icon (the success icon leaves room for only a few characters). */
export function toastInfo(title: string) {
  Taro.showToast({ title, icon: 'none', duration: 2000 }).catch(() => undefined)
}
