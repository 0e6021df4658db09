/** The height of the screen the page scrolls in; the browser knows it without any of Taro's APIs. */
export function viewportHeight(): number {
  return typeof window !== 'undefined' && window.innerHeight > 0 ? window.innerHeight : 800
}

/** How far below the top of the viewport the element ends, in px (null: not on the page). */
export function bottomOf(id: string, found: (bottom: number | null) => void): void {
  const element = typeof document !== 'undefined' ? document.getElementById(id) : null
  found(element ? element.getBoundingClientRect().bottom : null)
}
