import { createHmac, timingSafeEqual } from 'node:crypto'
import { MINUTE_MS, toIso } from '../park-time'

/*
 * The digital member card (数字党员名片) QR: `REDE1.<claims>.<signature>`.
 *  - `REDE1` tells a scanner it is looking at a member card (version 1), not a sign-in or pickup code.
 *  - claims: base64url JSON `[userId, expiresAtSeconds]`, nothing else: the card shows the rest.
 *  - signature: HMAC-SHA256 over `REDE1.<claims>` with a key derived from the server secret and the
 *    label `member-card`, so a card can never pass for a login token or a sign-in code, or back.
 * A card lives five minutes; the phone fetches a new one well before that.
 */

export const CARD_PREFIX = 'REDE1'
export const CARD_TTL_MS = 5 * MINUTE_MS
/** The phone refreshes a minute before expiry, so a scanned card always has time left. */
export const CARD_REFRESH_MS = 4 * MINUTE_MS

const cardKey = (secret: string): Buffer => createHmac('sha256', secret).update('member-card').digest()

const sign = (secret: string, data: string): Buffer =>
  createHmac('sha256', cardKey(secret)).update(data).digest()

export interface SignedCard {
  payload: string
  expiresAt: string
}

export function signCard(secret: string, userId: number, now: Date): SignedCard {
  const expiresMs = now.getTime() + CARD_TTL_MS
  const exp = Math.ceil(expiresMs / 1000)
  const claims = Buffer.from(JSON.stringify([userId, exp])).toString('base64url')
  const data = `${CARD_PREFIX}.${claims}`
  return {
    payload: `${data}.${sign(secret, data).toString('base64url')}`,
    expiresAt: toIso(exp * 1000),
  }
}

export type CardCheck = { ok: true; userId: number } | { ok: false; reason: 'invalid' | 'expired' }

/** Checks a scanned card: the signature first (a forged card is invalid even when also expired). */
export function verifyCard(secret: string, payload: string, now: Date): CardCheck {
  const invalid: CardCheck = { ok: false, reason: 'invalid' }
  const parts = payload.trim().split('.')
  if (parts.length !== 3) return invalid
  const [prefix, claims, signature] = parts as [string, string, string]
  if (prefix !== CARD_PREFIX || !/^[A-Za-z0-9_-]+$/.test(claims) || !/^[A-Za-z0-9_-]+$/.test(signature)) {
    return invalid
  }
  const expected = sign(secret, `${prefix}.${claims}`)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid
  // Only the one spelling the server wrote: base64url ignores the last character's spare bits.
  if (given.toString('base64url') !== signature) return invalid

  let value: unknown
  try {
    value = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))
  } catch {
    return invalid
  }
  if (!Array.isArray(value) || value.length !== 2) return invalid
  const [userId, exp] = value as unknown[]
  if (!Number.isSafeInteger(userId) || (userId as number) <= 0 || !Number.isSafeInteger(exp)) return invalid
  if ((exp as number) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, userId: userId as number }
}

/** A party member's (or probationary member's) card is a 数字党员名片; anyone else's is a 园区名片. */
export function cardTitle(politicalStatus: string): '数字党员名片' | '园区名片' {
  return politicalStatus === 'party_member' || politicalStatus === 'probationary'
    ? '数字党员名片'
    : '园区名片'
}
