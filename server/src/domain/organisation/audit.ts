import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { AuditEntity } from '../../schemas'
import { maskPhone } from './mapper'

/*
 * The audit log is append-only: every organisation change writes one row (who, when, the fields
 * before and after) in the transaction of the change itself, and nothing updates or deletes rows.
 * Phone numbers are kept masked in it.
 */

export type State = Record<string, unknown>

export interface Change {
  /** null: the command line */
  actorId: number | null
  action: string
  entity: AuditEntity
  entityId: number
  before: State | null
  after: State | null
}

const masked = (state: State | null): State | null => {
  if (state === null) return null
  const copy = { ...state }
  if (typeof copy.phone === 'string') copy.phone = maskPhone(copy.phone)
  return copy
}

/** The fields of `after` that differ from `before`, and what they were: an update's before → after. */
export function changedFields(before: State, after: State): { before: State; after: State } {
  const changed = Object.keys(after).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  )
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, after[key] ?? null])),
  }
}

/** Records changes (several at once for an import) in the caller's transaction. */
export async function recordChanges(
  trx: Kysely<Database>,
  changes: readonly Change[],
  at: Date,
): Promise<void> {
  const rows = changes.map((change) => ({
    actor_id: change.actorId,
    action: change.action,
    entity: change.entity,
    entity_id: change.entityId,
    before_json: change.before === null ? null : JSON.stringify(masked(change.before)),
    after_json: change.after === null ? null : JSON.stringify(masked(change.after)),
    at: at.toISOString(),
  }))
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 200))
      .execute()
  }
}

export const recordChange = (trx: Kysely<Database>, change: Change, at: Date) =>
  recordChanges(trx, [change], at)
