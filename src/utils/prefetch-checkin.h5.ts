/** The sign-in pages, as the router names them. */
const CHECKIN_PAGES = ['packages/checkin/enter/index', 'packages/checkin/result/index']

interface RouteEntry {
  path: string
  /** Loads the page's code: answers `[promise of the module, …]`. */
  load?: () => unknown
}

/**
 * Browser: each page's code loads on its first visit. The sign-in pages are fetched ahead (from the
 * 学习 tab and the short-code page), so the result page still opens — showing 已离线保存 — when the
 * venue Wi-Fi has dropped by the time the member taps 签到. The router's own loaders are used, so the
 * very chunks it will ask for are the ones in the cache.
 */
export function prefetchCheckinPages() {
  const config = (window as unknown as { __taroAppConfig?: { routes?: RouteEntry[] } }).__taroAppConfig
  for (const path of CHECKIN_PAGES) {
    const route = config?.routes?.find((entry) => entry.path === path)
    try {
      const loaded = route?.load?.()
      const promise = Array.isArray(loaded) ? loaded[0] : loaded
      if (promise instanceof Promise) promise.catch(() => undefined)
    } catch {
      // Nothing fetched ahead: the page loads when it is opened, as any other.
    }
  }
}
