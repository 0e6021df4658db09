import Taro from '@tarojs/taro'

/**
 * Calls `onOnline` whenever the browser gets a connection back. Taro's network listener only hears
 * `navigator.connection` (missing in Safari and Firefox), so the window's `online` event counts too.
 * Returns the unsubscribe.
 */
export function watchNetworkReturn(onOnline: () => void): () => void {
  const listener = (result: { isConnected: boolean }) => {
    if (result.isConnected) onOnline()
  }
  Taro.onNetworkStatusChange(listener)
  window.addEventListener('online', onOnline)
  return () => {
    Taro.offNetworkStatusChange(listener)
    window.removeEventListener('online', onOnline)
  }
}
