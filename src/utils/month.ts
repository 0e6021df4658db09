/** `2026-11` → `2026-10` (step -1) or `2026-12` (step 1). */
export function shiftMonth(month: string, step: number): string {
  const [year, monthIndex] = month.split('-').map(Number)
  const total = year * 12 + (monthIndex - 1) + step
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
}

/** `2026-11` → `2026年11月` */
export function monthLabel(month: string): string {
  const [year, monthIndex] = month.split('-').map(Number)
  return `${year}年${monthIndex}月`
}

/** `2026-10` → `10月`: the figures of a month say which month they count. */
export function monthShort(month: string): string {
  return `${Number(month.split('-')[1])}月`
}
