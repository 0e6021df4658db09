import type { Viewport } from './screen-device'

/** Side by side (QR left, live list right) on a landscape screen at least this wide. */
export const WIDE_MIN_WIDTH = 900

export function isWide(viewport: Viewport): boolean {
  return viewport.width >= WIDE_MIN_WIDTH && viewport.width > viewport.height
}

/** White modules around the code, each side (QrCode draws two). */
const QUIET_MODULES = 2

/**
 * Share of a projector's height taken by the title, the instruction, the countdown and the short code
 * (all sized in vh), measured on 1366×768 and 1920×1080.
 */
const WIDE_OVERHEAD = 0.44

/**
 * The whole-pixel module size that makes the QR code as large as the screen allows: on a projector
 * the height left by the title, the countdown and the short code, within the left half; on a phone
 * the width. Never below 4 px, so even a dense code stays scannable from a few metres.
 */
export function qrCellSize(viewport: Viewport, modules: number): number {
  const side = isWide(viewport)
    ? Math.min(viewport.height * (1 - WIDE_OVERHEAD), viewport.width * 0.55 - 80)
    : Math.min(viewport.width - 64, viewport.height * 0.55)
  return Math.max(4, Math.floor(side / (modules + QUIET_MODULES * 2)))
}
