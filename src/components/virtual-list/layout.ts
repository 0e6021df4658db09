/** Which blocks of a long list to draw: pure arithmetic, so it reads the same on every platform. */

export interface BlockWindow {
  first: number
  last: number
}

/**
 * The blocks that overlap the visible part of the page, widened by `overscan` screens above and
 * below, so that a block is drawn before it scrolls into view and kept a while after it leaves.
 * `heights[i]` is block i's height (measured, or estimated until it is); `listTop` is where the
 * list starts on the page, `scrollTop` how far the page has scrolled, `viewport` the screen height.
 */
export function visibleBlocks(
  heights: readonly number[],
  listTop: number,
  scrollTop: number,
  viewport: number,
  overscan = 1,
): BlockWindow {
  if (heights.length === 0) return { first: 0, last: -1 }
  const from = scrollTop - viewport * overscan - listTop
  const to = scrollTop + viewport * (1 + overscan) - listTop
  let first = -1
  let last = -1
  let top = 0
  for (let i = 0; i < heights.length; i++) {
    const bottom = top + (heights[i] ?? 0)
    if (bottom >= from && top <= to) {
      if (first === -1) first = i
      last = i
    }
    top = bottom
  }
  // Scrolled past every block (the page grew shorter): keep the last one drawn.
  if (first === -1) return { first: heights.length - 1, last: heights.length - 1 }
  return { first, last }
}

/** Splits `count` items into blocks of `size`: the [start, end) of each. */
export function blockBounds(count: number, size: number): Array<[number, number]> {
  const blocks: Array<[number, number]> = []
  for (let start = 0; start < count; start += size) blocks.push([start, Math.min(count, start + size)])
  return blocks
}
