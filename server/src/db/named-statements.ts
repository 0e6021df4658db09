import type { ClientBase, QueryConfig } from 'pg'

/** Statements named per pool at most; past this, new texts go unnamed (planned on every run). */
const NAMED_STATEMENTS_MAX = 500
/** Texts seen once and waiting for a second run; forgotten all at once when there are this many. */
const SEEN_ONCE_MAX = 5_000

/**
 * node-pg sends every query as an unnamed statement, so PostgreSQL parses and plans it on every
 * run; for the list queries planning took longer than running them (0.58 ms against 0.21 ms). A
 * query text that runs a second time gets a name here, and each connection prepares it once and
 * then only binds and executes it (PostgreSQL keeps custom plans or settles on a generic one).
 * Only single statements with parameters are named: a text without any is a transaction command
 * or a one-off (migrations), and may hold several statements.
 */
export function statementNames(): (text: string, parameterCount: number) => string | undefined {
  const names = new Map<string, string>()
  const seenOnce = new Set<string>()
  return (text, parameterCount) => {
    const name = names.get(text)
    if (name !== undefined) return name
    if (parameterCount === 0 || names.size >= NAMED_STATEMENTS_MAX || text.includes(';')) return undefined
    if (!seenOnce.has(text)) {
      if (seenOnce.size >= SEEN_ONCE_MAX) seenOnce.clear()
      seenOnce.add(text)
      return undefined
    }
    seenOnce.delete(text)
    const named = `red_e_park_${names.size + 1}`
    names.set(text, named)
    return named
  }
}

/** Makes a pool's connection send the queries Kysely runs as named statements (see above). */
export function useNamedStatements(client: ClientBase, nameOf: ReturnType<typeof statementNames>): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((first: unknown, ...rest: unknown[]) => {
    const values = rest[0]
    if (typeof first === 'string' && Array.isArray(values) && rest.length === 1) {
      const name = nameOf(first, values.length)
      if (name !== undefined) return query({ name, text: first, values } satisfies QueryConfig)
    }
    return query(first, ...rest)
  }) as typeof client.query
}
