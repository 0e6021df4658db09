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
