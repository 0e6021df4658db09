import {
  PostgresDialect,
  PostgresQueryCompiler,
  SqliteDialect,
  SqliteQueryCompiler,
  ValueNode,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type QueryCompiler,
} from 'kysely'

/**
 * `LIMIT n` and `OFFSET n` are written into the SQL instead of bound. SQLite's planner reads a bound
 * LIMIT's value and marks the statement to be prepared again whenever it is bound, so a cached
 * statement with `LIMIT ?` was compiled anew on every run; with the number in the text each list
 * shape stays one prepared statement (and PostgreSQL plans for the real row count). Only a
 * non-negative safe integer is written; anything else stays a parameter.
 */
function writeCount(
  keyword: 'limit' | 'offset',
  node: OperationNode,
  append: (text: string) => void,
): boolean {
  if (!ValueNode.is(node)) return false
  const { value } = node
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return false
  append(`${keyword} ${value}`)
  return true
}

class SqliteCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    if (!writeCount('limit', node.limit, (text) => this.append(text))) super.visitLimit(node)
  }
  protected override visitOffset(node: OffsetNode): void {
    if (!writeCount('offset', node.offset, (text) => this.append(text))) super.visitOffset(node)
  }
}

class PostgresCompiler extends PostgresQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    if (!writeCount('limit', node.limit, (text) => this.append(text))) super.visitLimit(node)
  }
  protected override visitOffset(node: OffsetNode): void {
    if (!writeCount('offset', node.offset, (text) => this.append(text))) super.visitOffset(node)
  }
}

export class SqliteLiteralLimitsDialect extends SqliteDialect {
  override createQueryCompiler(): QueryCompiler {
    return new SqliteCompiler()
  }
}

export class PostgresLiteralLimitsDialect extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new PostgresCompiler()
  }
}
