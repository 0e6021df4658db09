/** What a chart shows; the numbers come from the server, the chart only draws them. */
export type ChartSpec =
  | { kind: 'gauge'; /** 0..1 */ value: number | null; /** 0..1 */ target: number; label: string }
  | {
      kind: 'line'
      /** one row per month and series */ rows: ReadonlyArray<{ x: string; series: string; y: number }>
      percent?: boolean
    }
  | { kind: 'bar'; rows: ReadonlyArray<{ x: string; y: number }> }

export interface ChartSize {
  width: number
  height: number
  pixelRatio: number
  /** 关怀模式: larger labels */
  large: boolean
}

/** The app's red and the colours of the second and third series. */
export const CHART_COLORS = ['#C8161D', '#E6A23C', '#3A7BD5', '#67C23A']
