import Taro from '@tarojs/taro'

/** The height of the window the page scrolls in. */
export function viewportHeight(): number {
  try {
    return Taro.getWindowInfo().windowHeight || 800
  } catch {
    return 800
  }
}
