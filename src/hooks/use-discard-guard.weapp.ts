import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef } from 'react'
import { DISCARD_MESSAGE, type DiscardGuard } from './use-discard-guard.types'

/**
 * While a form holds unsaved input, WeChat asks before the member leaves by the back button or
 * gesture (`enableAlertBeforeUnload`). `release()` lets a saved form leave without asking.
 */
export function useDiscardGuard(dirty: boolean): DiscardGuard {
  const released = useRef(false)
  const guarded = dirty && !released.current
  useEffect(() => {
    if (!guarded) return
    Taro.enableAlertBeforeUnload({ message: DISCARD_MESSAGE })
    return () => {
      Taro.disableAlertBeforeUnload()
    }
  }, [guarded])
  const release = useCallback(() => {
    released.current = true
    Taro.disableAlertBeforeUnload()
  }, [])
  return { release }
}
