import { useEffect, useRef } from 'react'
import { useCareMode } from '@/stores/care-mode'
import { drawChart, type DrawnChart } from './draw'
import type { ChartCanvasProps } from './chart-canvas-types'

/** Browser: a <canvas> sized to its card at the screen's pixel ratio. */
export function ChartCanvas({ spec, height, label }: ChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement | null>(null)
  const chart = useRef<DrawnChart | null>(null)
  const large = useCareMode()

  useEffect(() => {
    const canvas = ref.current
    const context = canvas?.getContext('2d')
    if (!canvas || !context) return
    const width = canvas.clientWidth || canvas.parentElement?.clientWidth || 320
    const pixelRatio = window.devicePixelRatio || 1
    canvas.width = Math.round(width * pixelRatio)
    canvas.height = Math.round(height * pixelRatio)
    const size = { width, height, pixelRatio, large }
    if (chart.current) chart.current.update(spec, size)
    else chart.current = drawChart(context, spec, size)
  }, [spec, height, large])

  useEffect(
    () => () => {
      chart.current?.destroy()
      chart.current = null
    },
    [],
  )

  return (
    <canvas
      ref={ref}
      className="chart-canvas"
      style={{ width: '100%', height: `${height}px` }}
      role="img"
      aria-label={label}
    />
  )
}
