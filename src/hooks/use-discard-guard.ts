import { useCallback, useEffect, useRef } from 'react'
import { DISCARD_MESSAGE, type DiscardGuard } from './use-discard-guard.types'

/*
 * Asks before a half-filled form is left. The H5 and WeChat builds take `use-discard-guard.h5.ts`
 * and `use-discard-guard.weapp.ts`; this plain one (other platforms, the typechecker and tests)
 * asks only when the page itself is closed.
 */
export function useDiscardGuard(dirty: boolean): DiscardGuard {
  const released = useRef(false)
  useEffect(() => {
    if (!dirty || typeof window === 'undefined') return
    const ask = (event: BeforeUnloadEvent) => {
      if (released.current) return
      event.preventDefault()
      event.returnValue = DISCARD_MESSAGE
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [dirty])
  const release = useCallback(() => {
    released.current = true
  }, [])
  return { release }
}
