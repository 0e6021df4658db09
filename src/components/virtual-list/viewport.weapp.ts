import Taro from '@tarojs/taro'

/** The height of the window the page scrolls in. */
export function viewportHeight(): number {
  try {
    return Taro.getWindowInfo().windowHeight || 800
  } catch {
    return 800
  }
}

/** How far below the top of the window the element ends, in px (null: not on the page). */
export function bottomOf(id: string, found: (bottom: number | null) => void): void {
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .boundingClientRect()
    .exec((result: unknown[]) => {
      const rect = result[0] as { bottom?: number } | null
      found(typeof rect?.bottom === 'number' ? rect.bottom : null)
    })
}
