import type { ChartSpec } from './spec'

export interface ChartCanvasProps {
  spec: ChartSpec
  /** drawing height in px; the width is the card's */
  height: number
  /** what the chart shows, for screen readers (the table below has the numbers) */
  label: string
}
