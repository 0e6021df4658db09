import Taro, { usePageScroll } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Fragment, useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { cx, type BasicComponent } from '../types'
import { blockBounds, visibleBlocks, type BlockWindow } from './layout'
import { bottomOf, viewportHeight } from './viewport'

export interface VirtualListProps<T> extends BasicComponent {
  items: readonly T[]
  itemKey: (item: T) => string | number
  renderItem: (item: T, index: number) => ReactNode
  /** Items drawn as one block; a page of the API's list by default, so the first page draws whole. */
  blockSize?: number
  /** One item's height in px until its block has been drawn and measured. */
  estimatedItemHeight?: number
  /**
   * Items drawn in the list's first task. The rest of the first block follows as many at a time,
   * each slice in a task of its own, while the list's end is less than a screen below the bottom of
   * the viewport, and then as the member scrolls towards it: a page's first screen is neither one
   * long task nor drawn for items far below it. The whole block at once by default.
   */
  firstDraw?: number
}

let instances = 0

interface Rect {
  top: number
  height: number
}

/**
 * A list on the page's own scroll that, once it grows past a block, draws only the blocks on or
 * near the screen: the others stand in as empty space of their measured (or estimated) height, so
 * the page keeps its length and scroll position. The first block always draws at once.
 */
export function VirtualList<T>({
  items,
  itemKey,
  renderItem,
  blockSize = 20,
  estimatedItemHeight = 120,
  firstDraw,
  className,
  style,
}: VirtualListProps<T>) {
  const id = useRef(`virtual-list-${++instances}`).current
  const blocks = blockBounds(items.length, blockSize)
  const measured = useRef<number[]>([])
  const listTop = useRef(0)
  const scrollTop = useRef(0)
  const viewport = useRef(0)
  const [window, setWindow] = useState<BlockWindow>({ first: 0, last: 0 })
  // How many of the first block's items are drawn so far (undefined: all of them).
  const [drawnCount, setDrawnCount] = useState(firstDraw)
  const cut =
    drawnCount !== undefined && drawnCount < Math.min(items.length, blockSize) ? drawnCount : undefined
  // The slices have reached a screen below the viewport: the next one waits for a scroll.
  const waitingForScroll = useRef(false)

  // A slice has been drawn (effects run after it has committed): if the list still ends within a
  // screen of the viewport's bottom, the next slice follows in a task of its own.
  useEffect(() => {
    if (cut === undefined || firstDraw === undefined) return
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    bottomOf(id, (bottom) => {
      if (!alive) return
      if (!viewport.current) viewport.current = viewportHeight()
      if (bottom !== null && bottom > 2 * viewport.current) waitingForScroll.current = true
      else timer = setTimeout(() => setDrawnCount(cut + firstDraw), 0)
    })
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [id, cut, firstDraw])

  const heights = () =>
    blocks.map(([start, end], i) => measured.current[i] ?? (end - start) * estimatedItemHeight)

  const place = useCallback(() => {
    if (!viewport.current) viewport.current = viewportHeight()
    const next = visibleBlocks(heights(), listTop.current, scrollTop.current, viewport.current)
    setWindow((current) => (current.first === next.first && current.last === next.last ? current : next))
    // heights() reads the latest blocks through the refs; re-created with them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items.length, blockSize, estimatedItemHeight])

  // After each draw: measure the drawn blocks (and where the list starts), then place again.
  useEffect(() => {
    if (blocks.length <= 1) return
    let alive = true
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .boundingClientRect()
      .selectAll(`.${id}__block`)
      .boundingClientRect()
      .exec((result: unknown[]) => {
        if (!alive) return
        const list = result[0] as Rect | null
        const drawn = (result[1] as Array<Rect & { dataset?: { block?: string } }> | null) ?? []
        if (list) listTop.current = list.top + scrollTop.current
        for (const rect of drawn) {
          const index = Number(rect.dataset?.block)
          if (Number.isInteger(index) && rect.height > 0) measured.current[index] = rect.height
        }
        place()
      })
    return () => {
      alive = false
    }
  }, [id, blocks.length, window.first, window.last, place, cut])

  usePageScroll(({ scrollTop: top }) => {
    scrollTop.current = top
    if (waitingForScroll.current && cut !== undefined && firstDraw !== undefined) {
      waitingForScroll.current = false
      setDrawnCount(cut + firstDraw)
    }
    if (blocks.length > 1) place()
  })

  return (
    <View id={id} className={cx('virtual-list', className)} style={style}>
      {blocks.map(([start, end], i) => {
        const drawn = i === 0 || (i >= window.first && i <= window.last)
        if (!drawn) {
          const height = measured.current[i] ?? (end - start) * estimatedItemHeight
          return <View key={`space-${i}`} className="virtual-list__space" style={{ height: `${height}px` }} />
        }
        return (
          <View key={`block-${i}`} className={`${id}__block`} data-block={String(i)}>
            {items
              .slice(start, i === 0 && cut !== undefined ? Math.min(end, start + cut) : end)
              .map((item, offset) => (
                <Fragment key={itemKey(item)}>{renderItem(item, start + offset)}</Fragment>
              ))}
          </View>
        )
      })}
    </View>
  )
}

export default VirtualList
