import Taro from '@tarojs/taro'
import { useEffect } from 'react'

/**
 * WeChat: while `dirty`, going back (the back button, the gesture, navigateBack) first asks with
 * WeChat's own dialog. `release()` before leaving on purpose (after saving).
 */
export function useLeaveGuard(dirty: boolean, message: string): { release: () => void } {
  useEffect(() => {
    if (!dirty) return
    Taro.enableAlertBeforeUnload({ message })
    return () => Taro.disableAlertBeforeUnload()
  }, [dirty, message])
  return {
    release: () => Taro.disableAlertBeforeUnload(),
  }
}
