/** A chart's numbers as a table: the same figures the chart draws, for reading and for CSV. */
export interface FigureTable {
  head: readonly string[]
  rows: ReadonlyArray<ReadonlyArray<string | number>>
}

const cell = (value: string | number): string => {
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** RFC 4180 text of the table, header first. */
export function toCsv(table: FigureTable): string {
  return [table.head, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n')
}

/** A share as the page writes it: `84.2%`, or — when there is nothing to divide by. */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`
}
