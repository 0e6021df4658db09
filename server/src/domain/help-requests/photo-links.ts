import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { HelpPhoto } from '../../schemas'

/*
 * Signed links to the photos of help requests: HMAC-SHA256 over the photo and the expiry with the
 * app's signing secret, so any instance can check a link another one made.
 */

/** A link lasts from one to two hours: the same within a clock hour, so the phone can cache it. */
const LINK_HOURS = 1

const signature = (secret: string, photoId: number, exp: number) =>
  createHmac('sha256', secret).update(`help-photo:${photoId}:${exp}`).digest('base64url')

export function photoUrl(secret: string, photoId: number, now: Date): string {
  const hour = 3600
  const exp = (Math.ceil(now.getTime() / 1000 / hour) + LINK_HOURS) * hour
  return `/api/help-photos/${photoId}?exp=${exp}&sig=${signature(secret, photoId, exp)}`
}

/** 403 BAD_SIGNATURE for a link not made here, LINK_EXPIRED for one past its time. */
export function checkPhotoLink(secret: string, photoId: number, exp: number, sig: string, now: Date) {
  const expected = Buffer.from(signature(secret, photoId, exp))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError(403, 'BAD_SIGNATURE', '图片链接无效')
  }
  if (exp * 1000 <= now.getTime()) throw new AppError(403, 'LINK_EXPIRED', '图片链接已过期，请刷新页面')
}

export async function listPhotos(
  db: Kysely<Database>,
  requestId: number,
  secret: string,
  now: Date,
): Promise<HelpPhoto[]> {
  const rows = await db
    .selectFrom('help_request_photos')
    .select(['id', 'size', 'created_at'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    url: photoUrl(secret, row.id, now),
    size: row.size,
    createdAt: row.created_at,
  }))
}
