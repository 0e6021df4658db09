import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'

/**
 * A member's points balance. The append-only points ledger is not part of the schema yet, so
 * everyone stands at zero until it arrives; callers already read the balance from here.
 */
export async function totalPoints(_db: Kysely<Database>, _userId: number): Promise<number> {
  return 0
}
