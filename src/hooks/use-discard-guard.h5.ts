import Taro from '@tarojs/taro'
import { history } from '@tarojs/router'
import { useCallback, useLayoutEffect, useRef } from 'react'
import { DISCARD_MESSAGE, DISCARD_TITLE, type DiscardGuard } from './use-discard-guard.types'

/**
 * While a form holds unsaved input, leaving it (the back button, the browser's back, a link) asks
 * first: the router's history is blocked and 离开 lets the navigation through. Closing the tab asks
 * with the browser's own dialog. `release()` lets a saved form leave without asking.
 */
export function useDiscardGuard(dirty: boolean): DiscardGuard {
  const unblock = useRef<(() => void) | null>(null)
  const released = useRef(false)

  // A layout effect: the block is in place when the typed input commits, before the browser can
  // paint or take a back gesture (a passive effect would run a frame later, too late for a quick back).
  useLayoutEffect(() => {
    if (!dirty || released.current) return
    let asking = false
    const stop = history.block((transition) => {
      if (asking) return
      asking = true
      Taro.showModal({
        title: DISCARD_TITLE,
        content: DISCARD_MESSAGE,
        confirmText: '离开',
        cancelText: '继续填写',
      })
        .then((answer) => {
          if (!answer.confirm) return
          stop()
          unblock.current = null
          transition.retry()
        })
        .catch(() => undefined)
        .finally(() => {
          asking = false
        })
    })
    unblock.current = stop
    return () => {
      stop()
      unblock.current = null
    }
  }, [dirty])

  const release = useCallback(() => {
    released.current = true
    unblock.current?.()
    unblock.current = null
  }, [])
  return { release }
}
