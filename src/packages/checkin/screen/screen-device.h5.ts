/** The browser side of the sign-in screen: a laptop on a projector. */

export interface Viewport {
  width: number
  height: number
}

export function readViewport(): Viewport {
  return { width: window.innerWidth, height: window.innerHeight }
}

export function watchViewport(onChange: (viewport: Viewport) => void): () => void {
  const listener = () => onChange(readViewport())
  window.addEventListener('resize', listener)
  return () => window.removeEventListener('resize', listener)
}

interface WakeLockHandle {
  release: () => Promise<void>
}

type WakeLockNavigator = Navigator & {
  wakeLock?: { request: (type: 'screen') => Promise<WakeLockHandle> }
}

/** Keeps the laptop from dimming while the code is up (where the browser allows it). */
export function keepScreenOn(): () => void {
  const wakeLock = (navigator as WakeLockNavigator).wakeLock
  if (!wakeLock) return () => undefined
  let handle: WakeLockHandle | null = null
  let active = true
  const acquire = () => {
    wakeLock
      .request('screen')
      .then((lock) => {
        if (active) handle = lock
        else void lock.release().catch(() => undefined)
      })
      .catch(() => undefined)
  }
  // The browser drops the lock whenever the tab is hidden: take it again on return.
  const onVisible = () => {
    if (document.visibilityState === 'visible') acquire()
  }
  acquire()
  document.addEventListener('visibilitychange', onVisible)
  return () => {
    active = false
    document.removeEventListener('visibilitychange', onVisible)
    void handle?.release().catch(() => undefined)
  }
}

export function canFullscreen(): boolean {
  return typeof document !== 'undefined' && !!document.fullscreenEnabled
}

export function toggleFullscreen() {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
  else void document.documentElement.requestFullscreen().catch(() => undefined)
}
