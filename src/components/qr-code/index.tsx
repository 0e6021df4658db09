import { View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface QrCodeProps extends BasicComponent {
  /** The text the code carries, e.g. a pickup code. */
  value: string
  /** Error correction: `M` (15 %) survives a scratched screen; `H` for printing. */
  level?: 'L' | 'M' | 'Q' | 'H'
  /** What a screen reader says instead of the picture. */
  label?: string
  /**
   * Side of one module in CSS px, a whole number: every edge falls on a pixel, so a code stays crisp
   * at any size (e.g. computed from the width of a projector). Without it the code fills the
   * stylesheet's square, whatever its number of modules.
   */
  cellSize?: number
}

/** The module matrix of a QR code: `matrix[row][col]` is true for a dark module. */
export function qrMatrix(value: string, level: QrCodeProps['level'] = 'M'): boolean[][] {
  const code = qrcode(0, level)
  code.addData(value)
  code.make()
  const size = code.getModuleCount()
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => code.isDark(row, col)),
  )
}

interface Run {
  dark: boolean
  length: number
}

/** One row as runs of equal modules, so a 25-module row is a handful of Views rather than 25. */
function runsOf(row: boolean[]): Run[] {
  const runs: Run[] = []
  for (const dark of row) {
    const last = runs[runs.length - 1]
    if (last && last.dark === dark) last.length++
    else runs.push({ dark, length: 1 })
  }
  return runs
}

/**
 * A QR code drawn with Views: rows of flex runs inside a square, so it renders the same on the
 * mini-program and H5 (no canvas, no image file) and stays sharp at any size. The quiet zone is
 * the white padding around it.
 */
export function QrCode({ value, level = 'M', label, cellSize, className, style }: QrCodeProps) {
  const matrix = useMemo(() => qrMatrix(value, level), [value, level])
  const cell = cellSize ? Math.max(1, Math.floor(cellSize)) : 0
  const side = cell * matrix.length
  return (
    <View
      className={cx('qr-code', cell > 0 && 'qr-code--fixed', className)}
      // The quiet zone: two modules of white around the code.
      style={cell > 0 ? { padding: `${cell * 2}px`, ...style } : style}
      role="img"
      aria-label={label ?? `二维码：${value}`}
      data-modules={matrix.length}
    >
      <View
        className="qr-code__matrix"
        style={cell > 0 ? { width: `${side}px`, height: `${side}px` } : undefined}
      >
        {matrix.map((row, index) => (
          <View className="qr-code__row" key={index} style={cell > 0 ? { height: `${cell}px` } : undefined}>
            {runsOf(row).map((run, at) => (
              <View
                key={at}
                className={run.dark ? 'qr-code__run qr-code__run--dark' : 'qr-code__run'}
                style={
                  cell > 0 ? { width: `${run.length * cell}px` } : { flex: `${run.length} ${run.length} 0` }
                }
                data-length={run.length}
              />
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}

export default QrCode
