import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { markRead } from '../announcements/repository'
import { awardPoints } from './ledger'

/**
 * Marks a notice read for the member and, when this is the first read, awards read_notice (once per
 * notice, capped per day). Returns the points awarded. In the caller's transaction, so the read and
 * the points land together.
 */
export async function readNotice(
  trx: Kysely<Database>,
  announcementId: number,
  userId: number,
  now: Date,
): Promise<number> {
  const firstRead = await markRead(trx, announcementId, userId, now)
  if (!firstRead) return 0
  return awardPoints(trx, {
    userId,
    rule: 'read_notice',
    objectType: 'announcement',
    objectId: announcementId,
    now,
  })
}
