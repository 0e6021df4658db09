import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'

/*
 * A member's 政治面貌 follows their application's stage and nothing else: while an application is
 * open the roster (edit or CSV import) may not set it.
 */

export const STATUS_FOLLOWS_APPLICATION_MESSAGE = '政治面貌随入党申请的进度变化,不能在花名册中修改'
export const statusFollowsApplication = () =>
  new AppError(409, 'STATUS_FOLLOWS_APPLICATION', STATUS_FOLLOWS_APPLICATION_MESSAGE)

/** The members among `userIds` with an open (not withdrawn) application. */
export async function membersWithOpenApplication(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Set<number>> {
  if (userIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('application_state')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('stage', '<>', 'withdrawn')
    .execute()
  return new Set(rows.map((row) => row.user_id))
}
