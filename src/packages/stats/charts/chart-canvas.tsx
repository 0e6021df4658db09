// Platforms without a file of their own (and the typechecker and tests) draw like a browser.
export { ChartCanvas } from './chart-canvas.h5'
export type { ChartCanvasProps } from './chart-canvas-types'
