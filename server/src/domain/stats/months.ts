import { sql, type RawBuilder } from 'kysely'
import dayjs from 'dayjs'
import { monthBounds, type MonthBounds } from '../park-time'

/** The statistics show the twelve months ending with the month asked. */
export const TREND_MONTHS = 12

/** A park-time month with its bounds. */
export interface StatsMonth extends MonthBounds {
  month: string
}

/** The `count` months ending with `last` (`2026-11`), oldest first. */
export function monthsEndingWith(last: string, count: number): StatsMonth[] {
  const end = dayjs(`${last}-01`)
  return Array.from({ length: count }, (_, i) => {
    const month = end.subtract(count - 1 - i, 'month').format('YYYY-MM')
    return { month, ...monthBounds(month) }
  })
}

/**
 * The month a time (ISO instant) or a day (`YYYY-MM-DD`) column falls in, as an SQL expression both
 * databases read alike: park months do not begin at UTC midnight, so the bounds are compared, not
 * the text cut. Null outside the months given.
 */
export function monthOf(
  column: string,
  months: readonly StatsMonth[],
  kind: 'instant' | 'day',
): RawBuilder<string> {
  const ref = sql.ref(column)
  const arms = months.map((m) => {
    const [from, until] = kind === 'instant' ? [m.from, m.until] : [m.firstDay, m.nextFirstDay]
    return sql`when ${ref} >= ${from} and ${ref} < ${until} then ${m.month}`
  })
  return sql<string>`case ${sql.join(arms, sql` `)} end`
}

/** A share rounded to four decimals; null over nothing. */
export const share = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null
