import { getCurrentPages, history } from '@tarojs/router'
import { toastInfo } from './toast'

/** How webpack says a page's script (ChunkLoadError) or stylesheet could not be fetched. */
const CHUNK_FAILED = /^Loading (?:CSS )?chunk \S+ failed/

const bare = (path: string) => path.replace(/^\//, '').replace(/\?.*$/, '')

function isTabPage(route: string): boolean {
  const config = (
    window as unknown as { __taroAppConfig?: { tabBar?: { list?: Array<{ pagePath: string }> } } }
  ).__taroAppConfig
  return (config?.tabBar?.list ?? []).some((item) => bare(item.pagePath) === bare(route))
}

/**
 * A page whose code has not been fetched yet cannot open without a connection. The router's
 * address (and the tab bar) would already name the new page over the old one; instead the member
 * is told, and the address goes back to the page still on screen: one step back after opening a
 * page, or the tab on screen again after choosing another tab. Returns the unsubscribe.
 */
export function watchPageLoadErrors(): () => void {
  let lastAction = ''
  const stopListening = history.listen(({ action }) => {
    lastAction = action
  })
  const onRejection = (event: PromiseRejectionEvent) => {
    const reason = event.reason as { name?: unknown; message?: unknown } | null
    const message = typeof reason?.message === 'string' ? reason.message : ''
    if (reason?.name !== 'ChunkLoadError' && !CHUNK_FAILED.test(message)) return
    event.preventDefault()
    toastInfo('网络不给力，页面没能打开，请稍后重试')
    const shown = getCurrentPages().at(-1)?.route ?? ''
    if (lastAction === 'PUSH') history.back()
    else if (lastAction === 'REPLACE' && shown && isTabPage(shown)) history.replace(`/${bare(shown)}`)
  }
  window.addEventListener('unhandledrejection', onRejection)
  return () => {
    stopListening()
    window.removeEventListener('unhandledrejection', onRejection)
  }
}
