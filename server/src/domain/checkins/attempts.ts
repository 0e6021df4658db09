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
