import { Axis, Canvas, Chart, Interval, Legend, Line, jsx } from '@antv/f2'
import { CHART_COLORS, type ChartSize, type ChartSpec } from './spec'

/*
 * Charts drawn with F2 on a 2D canvas context — the same code for the mini-program (Canvas
 * type="2d") and the browser (<canvas>). Animation is off: the figures are read, not watched.
 */

// F2's element typings ask every prop of every component up front; the props are checked by F2 at render.
const h = jsx as unknown as (
  type: unknown,
  props: Record<string, unknown> | null,
  ...children: unknown[]
) => unknown

// Arc angles are read as degrees unless they say otherwise.
const rad = (angle: number) => `${angle} rad`

const percentText = (value: number) => `${Math.round(value * 100)}%`

function gauge(spec: Extract<ChartSpec, { kind: 'gauge' }>, size: ChartSize) {
  const cx = size.width / 2
  const cy = size.height * 0.78
  const r = Math.min(size.width / 2 - 16, size.height * 0.66)
  const start = Math.PI
  const end = 2 * Math.PI
  const at = (share: number) => start + (end - start) * Math.max(0, Math.min(1, share))
  const value = spec.value ?? 0
  const reached = spec.value !== null && spec.value >= spec.target
  const tick = at(spec.target)
  const font = size.large ? 1.25 : 1
  return h(
    'group',
    null,
    h('arc', {
      style: {
        cx,
        cy,
        r,
        startAngle: rad(start),
        endAngle: rad(end),
        lineWidth: 18,
        stroke: '#F0E6E6',
        lineCap: 'round',
      },
    }),
    spec.value === null
      ? null
      : h('arc', {
          style: {
            cx,
            cy,
            r,
            startAngle: rad(start),
            endAngle: rad(at(value)),
            lineWidth: 18,
            stroke: reached ? '#2E9E5B' : CHART_COLORS[0],
            lineCap: 'round',
          },
        }),
    // The target: a mark across the band.
    h('line', {
      style: {
        x1: cx + (r - 16) * Math.cos(tick),
        y1: cy + (r - 16) * Math.sin(tick),
        x2: cx + (r + 16) * Math.cos(tick),
        y2: cy + (r + 16) * Math.sin(tick),
        lineWidth: 3,
        stroke: '#333333',
      },
    }),
    h('text', {
      style: {
        x: cx + (r + 22) * Math.cos(tick),
        y: cy + (r + 22) * Math.sin(tick),
        text: `目标 ${percentText(spec.target)}`,
        fontSize: 11 * font,
        fill: '#333333',
        // Near the right end the label would leave the canvas: it ends at the mark instead.
        textAlign: Math.cos(tick) > 0.3 ? 'right' : 'center',
        textBaseline: 'bottom',
      },
    }),
    h('text', {
      style: {
        x: cx,
        y: cy - 6,
        text: spec.value === null ? '—' : percentText(value),
        fontSize: 26 * font,
        fontWeight: 'bold',
        fill: reached ? '#2E9E5B' : CHART_COLORS[0],
        textAlign: 'center',
        textBaseline: 'bottom',
      },
    }),
    h('text', {
      style: {
        x: cx,
        y: cy + 14,
        text: spec.label,
        fontSize: 12 * font,
        fill: '#666666',
        textAlign: 'center',
        textBaseline: 'middle',
      },
    }),
  )
}

function chartOf(spec: Exclude<ChartSpec, { kind: 'gauge' }>, size: ChartSize) {
  const label = { fontSize: size.large ? 13 : 10, fill: '#666666' }
  if (spec.kind === 'bar') {
    return h(
      Chart,
      { data: [...spec.rows], scale: { y: { min: 0, nice: true } } },
      h(Axis, { field: 'x', style: { label } }),
      h(Axis, { field: 'y', style: { label } }),
      h(Interval, { x: 'x', y: 'y', color: CHART_COLORS[0] }),
    )
  }
  const series = [...new Set(spec.rows.map((row) => row.series))]
  return h(
    Chart,
    {
      data: [...spec.rows],
      scale: { y: spec.percent ? { min: 0, max: 1 } : { min: 0, nice: true } },
    },
    h(Axis, { field: 'x', style: { label }, formatter: (month: string) => `${Number(month.slice(5))}月` }),
    h(Axis, { field: 'y', style: { label }, formatter: spec.percent ? percentText : undefined }),
    h(Line, { x: 'x', y: 'y', color: { field: 'series', range: CHART_COLORS.slice(0, series.length) } }),
    series.length > 1 ? h(Legend, { position: 'top', style: { fontSize: label.fontSize } }) : null,
  )
}

export interface DrawnChart {
  update: (spec: ChartSpec, size: ChartSize) => void
  destroy: () => void
}

/** Draws `spec` on `context`; extra options (the mini-program's animation frame, offscreen canvas) pass through. */
export function drawChart(
  context: CanvasRenderingContext2D,
  spec: ChartSpec,
  size: ChartSize,
  options: Record<string, unknown> = {},
): DrawnChart {
  const propsOf = (next: ChartSpec, nextSize: ChartSize) => ({
    context,
    pixelRatio: nextSize.pixelRatio,
    width: nextSize.width,
    height: nextSize.height,
    animate: false,
    ...options,
    children: next.kind === 'gauge' ? gauge(next, nextSize) : chartOf(next, nextSize),
  })
  const canvas = new Canvas(propsOf(spec, size) as never)
  void canvas.render()
  return {
    update: (next, nextSize) => void canvas.update(propsOf(next, nextSize) as never),
    destroy: () => canvas.destroy(),
  }
}
