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
