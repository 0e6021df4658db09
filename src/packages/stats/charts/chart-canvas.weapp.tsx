import Taro from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import { useEffect, useMemo, useRef } from 'react'
import { useCareMode } from '@/stores/care-mode'
import { drawChart, type DrawnChart } from './draw'
import type { ChartCanvasProps } from './chart-canvas-types'

let nextId = 0

interface CanvasNode {
  width: number
  height: number
  getContext: (kind: '2d') => CanvasRenderingContext2D
  requestAnimationFrame: (callback: () => void) => number
  cancelAnimationFrame: (id: number) => void
  createImage: () => unknown
}

/** Mini-program: a Canvas of type 2d, found by its id once drawn, sized at the screen's pixel ratio. */
export function ChartCanvas({ spec, height, label }: ChartCanvasProps) {
  const id = useMemo(() => `stats-chart-${++nextId}`, [])
  const chart = useRef<DrawnChart | null>(null)
  const large = useCareMode()

  useEffect(() => {
    let alive = true
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((result: Array<{ node?: CanvasNode; width?: number } | null>) => {
        const found = result?.[0]
        // No canvas (a runtime that draws none): the table below still has every number.
        if (!alive || !found?.node) return
        const node = found.node
        const width = found.width || 320
        const pixelRatio = Taro.getWindowInfo().pixelRatio || 2
        node.width = Math.round(width * pixelRatio)
        node.height = Math.round(height * pixelRatio)
        const size = { width, height, pixelRatio, large }
        if (chart.current) {
          chart.current.update(spec, size)
          return
        }
        chart.current = drawChart(node.getContext('2d'), spec, size, {
          requestAnimationFrame: (callback: () => void) => node.requestAnimationFrame(callback),
          cancelAnimationFrame: (frame: number) => node.cancelAnimationFrame(frame),
          createImage: () => node.createImage(),
        })
      })
    return () => {
      alive = false
    }
  }, [id, spec, height, large])

  useEffect(
    () => () => {
      chart.current?.destroy()
      chart.current = null
    },
    [],
  )

  return (
    <Canvas
      id={id}
      type="2d"
      className="chart-canvas"
      style={{ width: '100%', height: `${height}px` }}
      data-label={label}
    />
  )
}
