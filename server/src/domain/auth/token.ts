/*
 * Login tokens are compact HS256 JWTs `{ sub: userId, iat, exp }`, made and checked by
 * @fastify/jwt (fast-jwt) in plugins/auth. Only what the server needs: who the user is and what
 * they may do is read from the database on every request. Tokens made by the earlier signer (the
 * same secret, header and claims) verify unchanged.
 */

export const TOKEN_ALGORITHM = 'HS256'

const BASE64URL = /^[A-Za-z0-9_-]+$/

/**
 * True when the token is three base64url segments, each in its one canonical spelling: no `=`
 * padding and no spare bits set in its last character. fast-jwt refuses padding but decodes a
 * respelled last character to the same bytes, so the spelling is checked here first.
 */
export function isCanonicalToken(token: string): boolean {
  const segments = token.split('.')
  return (
    segments.length === 3 &&
    segments.every(
      (segment) =>
        BASE64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment,
    )
  )
}

/** The user id a verified token's claims name; null when `sub` is not a positive integer. */
export function userIdOfClaims(claims: unknown): number | null {
  if (typeof claims !== 'object' || claims === null) return null
  const { sub } = claims as { sub?: unknown }
  const userId = typeof sub === 'string' && /^[1-9][0-9]{0,15}$/.test(sub) ? Number(sub) : NaN
  return Number.isSafeInteger(userId) ? userId : null
}

/** The issue time (`iat`, seconds since the epoch) a verified token's claims name; null without one. */
export function issuedAtOfClaims(claims: unknown): number | null {
  if (typeof claims !== 'object' || claims === null) return null
  const { iat } = claims as { iat?: unknown }
  return typeof iat === 'number' && Number.isSafeInteger(iat) ? iat : null
}

/**
 * Whether a login issued at `issuedAt` (seconds) still counts for a user whose earlier logins
 * were ended at `validAfter`: a token from that second or before is refused.
 */
export function issuedAfter(issuedAt: number | null, validAfter: string | null): boolean {
  if (validAfter === null) return true
  if (issuedAt === null) return false
  return issuedAt * 1000 > Date.parse(validAfter)
}
