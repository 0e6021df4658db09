import Taro from '@tarojs/taro'

/** The mini-program side of the sign-in screen: a secretary's phone or pad held up at the door. */

export interface Viewport {
  width: number
  height: number
}

export function readViewport(): Viewport {
  const info = Taro.getWindowInfo()
  return { width: info.windowWidth, height: info.windowHeight }
}

export function watchViewport(onChange: (viewport: Viewport) => void): () => void {
  const listener: Taro.onWindowResize.Callback = (result) =>
    onChange({ width: result.size.windowWidth, height: result.size.windowHeight })
  Taro.onWindowResize(listener)
  return () => Taro.offWindowResize(listener as unknown as Taro.offWindowResize.Callback)
}

export function keepScreenOn(): () => void {
  Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
  return () => {
    Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
  }
}

export function canFullscreen(): boolean {
  return false
}

export function toggleFullscreen() {
  // A mini-program page is already the whole screen.
}
