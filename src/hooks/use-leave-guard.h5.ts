import Taro from '@tarojs/taro'
import { history } from '@tarojs/router'
import { useEffect, useRef } from 'react'

/**
 * Browser: while `dirty`, leaving the page (the navigation bar's back, the browser's back, a link)
 * first asks 放弃编辑？, and closing or reloading the tab asks the browser's own question. Taro's
 * router moves through `history`, whose blockers see every transition before it happens.
 * `release()` before leaving on purpose (after saving).
 */
export function useLeaveGuard(dirty: boolean, message: string): { release: () => void } {
  const unblock = useRef<(() => void) | null>(null)
  useEffect(() => {
    if (!dirty || typeof history?.block !== 'function') return
    let asking = false
    const release = history.block((transition) => {
      if (asking) return
      asking = true
      Taro.showModal({
        title: '放弃编辑？',
        content: message,
        confirmText: '放弃',
        cancelText: '继续编辑',
        confirmColor: '#C8161D',
      })
        .then(({ confirm }) => {
          asking = false
          if (!confirm) return
          release()
          unblock.current = null
          transition.retry()
        })
        .catch(() => {
          asking = false
        })
    })
    unblock.current = release
    return () => {
      release()
      unblock.current = null
    }
  }, [dirty, message])
  return {
    release: () => {
      unblock.current?.()
      unblock.current = null
    },
  }
}
