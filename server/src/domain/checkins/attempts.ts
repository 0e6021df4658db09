import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import { toIso } from '../park-time'

/*
 * Short codes have only a million values, so wrong guesses are counted per member in the database
 * (shared by every server instance): 5 per fixed 10-minute window. Each attempt takes its number
 * before the code is checked, so a thousand guesses sent at once still get only five looks; an
 * attempt that was not a wrong code gives its number back.
 */

export const WRONG_SHORT_CODES_ALLOWED = 5
export const ATTEMPT_WINDOW_MS = 10 * 60 * 1000

const windowOf = (now: Date) => toIso(Math.floor(now.getTime() / ATTEMPT_WINDOW_MS) * ATTEMPT_WINDOW_MS)

/**
 * Takes a short-code attempt for the member, or answers 429 once the window's attempts are used up.
 * Returns the window the attempt was counted in.
 */
export async function takeShortCodeAttempt(db: Kysely<Database>, userId: number, now: Date): Promise<string> {
  const windowStart = windowOf(now)
  const row = await db
    .insertInto('checkin_attempts')
    .values({ user_id: userId, window_start: windowStart, attempts: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['user_id', 'window_start'])
        .doUpdateSet((eb) => ({ attempts: eb('checkin_attempts.attempts', '+', 1) })),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow()
  // The member's first attempt in a window: earlier windows are of no use any more.
  if (row.attempts === 1) {
    await db
      .deleteFrom('checkin_attempts')
      .where('user_id', '=', userId)
      .where('window_start', '<', windowStart)
      .execute()
  }
  if (row.attempts > WRONG_SHORT_CODES_ALLOWED) {
    const retryIn = Math.ceil((Date.parse(windowStart) + ATTEMPT_WINDOW_MS - now.getTime()) / 60_000)
    throw new AppError(
      429,
      'RATE_LIMITED',
      `签到码输入错误次数过多,请 ${retryIn} 分钟后再试,或直接扫描大屏上的二维码`,
    )
  }
  return windowStart
}

/** Gives back an attempt that turned out not to be a wrong code. */
export async function returnShortCodeAttempt(
  db: Kysely<Database>,
  userId: number,
  windowStart: string,
): Promise<void> {
  await db
    .updateTable('checkin_attempts')
    .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
    .where('user_id', '=', userId)
    .where('window_start', '=', windowStart)
    .where('attempts', '>', 0)
    .execute()
}

/*
 * Every session also takes at most 30 wrong short codes a minute from all its members together
 * (many accounts guessing at once), counted in the database. Beyond that its short codes are
 * refused for a minute; QR codes keep working. A guess is classed wrong or right before it is
 * answered (the check is pure computation), and a wrong one is counted before its answer goes out,
 * so guesses sent all at once are answered 429 from the 31st on.
 */

export const SESSION_WRONG_SHORT_CODES_ALLOWED = 30
export const SESSION_WINDOW_MS = 60 * 1000
export const SESSION_LOCK_MS = 60 * 1000

const sessionLocked = () =>
  new AppError(429, 'RATE_LIMITED', '本场签到码输错次数过多,请 1 分钟后再试,或直接扫描大屏上的二维码')

async function lockedUntil(db: Kysely<Database>, sessionId: number): Promise<string | null> {
  const row = await db
    .selectFrom('short_code_locks')
    .select('locked_until')
    .where('session_id', '=', sessionId)
    .executeTakeFirst()
  return row?.locked_until ?? null
}

/** Refuses short codes for a session that had too many wrong ones in the last minute. */
export async function checkSessionShortCodes(
  db: Kysely<Database>,
  sessionId: number,
  now: Date,
): Promise<void> {
  const until = await lockedUntil(db, sessionId)
  if (until !== null && until > now.toISOString()) throw sessionLocked()
}

/**
 * Counts a wrong short code against its session. The 30th of a minute locks the session's short
 * codes for a minute; from the 31st on the answer is 429 instead of the guess's own.
 */
export async function countWrongShortCode(db: Kysely<Database>, sessionId: number, now: Date): Promise<void> {
  await checkSessionShortCodes(db, sessionId, now)
  const at = now.toISOString()
  const since = toIso(now.getTime() - SESSION_WINDOW_MS)
  await db.insertInto('short_code_misses').values({ session_id: sessionId, missed_at: at }).execute()
  await db
    .deleteFrom('short_code_misses')
    .where('session_id', '=', sessionId)
    .where('missed_at', '<=', since)
    .execute()
  const row = await db
    .selectFrom('short_code_misses')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('session_id', '=', sessionId)
    .where('missed_at', '>', since)
    .executeTakeFirstOrThrow()
  const wrong = Number(row.n)
  if (wrong < SESSION_WRONG_SHORT_CODES_ALLOWED) return
  const until = toIso(now.getTime() + SESSION_LOCK_MS)
  await db
    .insertInto('short_code_locks')
    .values({ session_id: sessionId, locked_until: until })
    .onConflict((conflict) =>
      conflict
        .column('session_id')
        .doUpdateSet({ locked_until: until })
        .where('short_code_locks.locked_until', '<=', at),
    )
    .execute()
  if (wrong > SESSION_WRONG_SHORT_CODES_ALLOWED) throw sessionLocked()
}
