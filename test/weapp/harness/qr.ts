// Reads back the QR codes our QrCode component draws with Views (rows of dark and light runs), so a
// scenario can check that the code on screen carries what it should.
import qrcode from 'qrcode-generator'
import { classesOf, elements, isElement, type WxElement } from './render'

/** The run's length in modules: `flex: N N 0` (the default size) or a `width` of N cells. */
function runLength(run: WxElement, cell: number): number {
  const style = String(run.attrs.style ?? '')
  const flex = /flex:\s*(\d+)/.exec(style)
  if (flex) return Number(flex[1])
  const width = /width:\s*(\d+)px/.exec(style)
  if (width && cell > 0) return Number(width[1]) / cell
  throw new Error(`a QR run without a length: "${style}"`)
}

/** The module matrix of each QR code drawn on the page, top to bottom. */
export function drawnQrCodes(page: WxElement): boolean[][][] {
  return elements(page)
    .filter((element) => classesOf(element).includes('qr-code__matrix'))
    .map((matrix) => {
      const rows = matrix.children.filter(isElement)
      const cell = Number(/height:\s*(\d+)px/.exec(String(rows[0]?.attrs.style ?? ''))?.[1] ?? 0)
      return rows.map((row) =>
        row.children.filter(isElement).flatMap((run) => {
          const dark = classesOf(run).includes('qr-code__run--dark')
          return Array.from({ length: runLength(run, cell) }, () => dark)
        }),
      )
    })
}

/** Whether `drawn` is the QR code of `value`, by the generator and error correction the app uses. */
export function isQrCodeOf(
  drawn: boolean[][] | undefined,
  value: string,
  level: 'L' | 'M' | 'Q' | 'H' = 'M',
): boolean {
  const expected = qrcode(0, level)
  expected.addData(value)
  expected.make()
  const size = expected.getModuleCount()
  return (
    drawn?.length === size &&
    drawn.every((row, y) => row.length === size && row.every((dark, x) => dark === expected.isDark(y, x)))
  )
}
