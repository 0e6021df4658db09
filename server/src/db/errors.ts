/**
 * True when a write failed because a unique index or primary key already holds the value, on
 * either database: PostgreSQL's SQLSTATE 23505 or SQLite's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY.
 * On PostgreSQL the transaction is aborted afterwards and must be rolled back (or to a savepoint).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false
  const { code } = error as { code: unknown }
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** SQLSTATE codes (besides class 08, connection exceptions) that mean "the server or the connection is gone", not "bad query". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400'])
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Client was closed',
]

/**
 * True when a query failed because the database could not be reached or dropped the connection
 * (PostgreSQL restarted, a backend was terminated, the pool timed out), or because SQLite stayed
 * locked by another process past the busy timeout. Such a request may succeed when retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true
    if (UNAVAILABLE_NODE_CODES.has(code)) return true
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return true
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true
  const { cause } = error as { cause?: unknown }
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause)
}
