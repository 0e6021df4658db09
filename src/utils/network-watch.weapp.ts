import Taro from '@tarojs/taro'

/** Calls `onOnline` whenever the phone gets a connection back. Returns the unsubscribe. */
export function watchNetworkReturn(onOnline: () => void): () => void {
  const listener = (result: { isConnected: boolean }) => {
    if (result.isConnected) onOnline()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange(listener)
}
