import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { PageOf } from '../schemas'

/** Opaque list cursors: a base64url JSON array of the sort key of the last item shown. */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/** The array a cursor carries, or null when it was not made by encodeCursor. */
export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    return Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

export const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

export const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value))

/**
 * The position in a list ordered by a time and then the id, in one of its parts (upcoming/past,
 * current/past): what most list cursors carry.
 */
export interface TimePosition<P extends string> {
  part: P
  at: string
  id: number
}

export function encodeTimeCursor<P extends string>(position: TimePosition<P>): string {
  return encodeCursor([position.part, position.at, position.id])
}

/** The position a cursor names, or null when it is not one of `parts`' cursors. */
export function decodeTimeCursor<P extends string>(
  cursor: string,
  parts: readonly P[],
): TimePosition<P> | null {
  const value = decodeCursor(cursor)
  if (!value || value.length !== 3) return null
  const [part, at, id] = value
  if (!parts.includes(part as P) || !isIsoTime(at) || !isId(id)) return null
  return { part: part as P, at, id }
}

/** One page out of the `limit + 1` rows fetched: the first `limit`, and the cursor of the last one when more follow. */
export function pageFrom<R, T>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => T,
  cursorOf: (row: R) => string,
): PageOf<T> {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  }
}

/** Rows after a position in a list ordered by (`key`, `idKey`), ascending or descending. */
export function keysetAfter(
  key: string,
  idKey: string,
  after: { at: string; id: number },
  direction: 'asc' | 'desc',
): RawBuilder<SqlBool> {
  const beyond = sql.raw(direction === 'asc' ? '>' : '<')
  const [k, id] = [sql.ref(key), sql.ref(idKey)]
  return sql<SqlBool>`(${k} ${beyond} ${after.at} or (${k} = ${after.at} and ${id} ${beyond} ${after.id}))`
}

/**
 * A list in two parts (upcoming then past, running then finished): the first part from the
 * position on, then as much of the second as the page still holds. Each row says its part.
 */
export async function listInTwoParts<P extends string, R>(
  [first, second]: readonly [P, P],
  after: TimePosition<P> | null,
  limit: number,
  fetchPart: (part: P, after: TimePosition<P> | null, take: number) => Promise<R[]>,
): Promise<Array<{ part: P; row: R }>> {
  const tag = (part: P) => (rows: R[]) => rows.map((row) => ({ part, row }))
  const rows = after?.part === second ? [] : tag(first)(await fetchPart(first, after, limit + 1))
  if (rows.length <= limit) {
    const from = after?.part === second ? after : null
    rows.push(...tag(second)(await fetchPart(second, from, limit + 1 - rows.length)))
  }
  return rows
}
