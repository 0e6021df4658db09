/** The height of the screen the page scrolls in; the browser knows it without any of Taro's APIs. */
export function viewportHeight(): number {
  return typeof window !== 'undefined' && window.innerHeight > 0 ? window.innerHeight : 800
}
