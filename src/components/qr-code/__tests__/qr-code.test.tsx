import { render } from '@testing-library/react'
import { QrCode, qrMatrix } from '..'

describe('QrCode', () => {
  it('encodes a pickup code as a square module matrix with the finder patterns', () => {
    const matrix = qrMatrix('AB3DEF7H')
    const size = matrix.length
    // Version 1 is 21 modules, each version adds 4.
    expect(size).toBeGreaterThanOrEqual(21)
    expect((size - 17) % 4).toBe(0)
    expect(matrix.every((row) => row.length === size)).toBe(true)
    // The top-left finder: a dark 7×7 ring around a light ring around a dark 3×3 centre.
    expect(matrix[0].slice(0, 7)).toEqual(Array(7).fill(true))
    expect(matrix[1].slice(0, 7)).toEqual([true, false, false, false, false, false, true])
    expect(matrix[3][3]).toBe(true)
    // Different codes, different matrices.
    expect(qrMatrix('ZZ9YX8WV')).not.toEqual(matrix)
  })

  it('draws one row per module row, each row adding up to the full width', () => {
    const { container } = render(<QrCode value="AB3DEF7H" />)
    const size = qrMatrix('AB3DEF7H').length
    const root = container.querySelector('.qr-code') as HTMLElement
    expect(root).toHaveAttribute('data-modules', String(size))
    expect(root).toHaveAttribute('aria-label', '二维码：AB3DEF7H')
    const rows = container.querySelectorAll('.qr-code__row')
    expect(rows).toHaveLength(size)
    rows.forEach((row) => {
      const widths = Array.from(row.querySelectorAll('.qr-code__run')).map((run) =>
        Number(run.getAttribute('data-length')),
      )
      expect(widths.reduce((sum, width) => sum + width, 0)).toBe(size)
    })
    // The first row starts with the finder's 7 dark modules.
    expect(rows[0].querySelector('.qr-code__run')).toHaveClass('qr-code__run--dark')
    expect(rows[0].querySelector('.qr-code__run')).toHaveAttribute('data-length', '7')
  })
})

describe('QrCode with a cell size', () => {
  it('draws whole-pixel modules: the matrix is modules × cell wide and every run a multiple of the cell', () => {
    const value = 'AQAAAAMDnKQj9mI2c0Xo1u7aVgWx'
    const size = qrMatrix(value).length
    const { container } = render(<QrCode value={value} cellSize={12.7} label="签到二维码" />)
    const root = container.querySelector('.qr-code') as HTMLElement
    expect(root).toHaveClass('qr-code--fixed')
    expect(root.style.padding).toBe('24px')
    const matrix = container.querySelector('.qr-code__matrix') as HTMLElement
    expect(matrix.style.width).toBe(`${size * 12}px`)
    expect(matrix.style.height).toBe(`${size * 12}px`)
    const row = container.querySelector('.qr-code__row') as HTMLElement
    expect(row.style.height).toBe('12px')
    const widths = Array.from(row.querySelectorAll('.qr-code__run')).map((run) =>
      parseInt((run as HTMLElement).style.width, 10),
    )
    expect(widths.every((width) => width % 12 === 0)).toBe(true)
    expect(widths.reduce((sum, width) => sum + width, 0)).toBe(size * 12)
  })

  it('still encodes a long code (a larger version) without losing modules', () => {
    const long = 'A'.repeat(120)
    const matrix = qrMatrix(long)
    expect(matrix.length).toBeGreaterThan(41)
    const { container } = render(<QrCode value={long} cellSize={6} />)
    expect(container.querySelectorAll('.qr-code__row')).toHaveLength(matrix.length)
  })
})
