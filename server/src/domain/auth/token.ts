import { createHmac, timingSafeEqual } from 'node:crypto'

/*
 * Access tokens are compact HS256 JWTs: `{ sub: userId, iat, exp }`. Only what the server needs;
 * who the user is and what they may do is read from the database on every request.
 */

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

const sign = (secret: string, data: string): Buffer => createHmac('sha256', secret).update(data).digest()

export function signToken(secret: string, userId: number, ttlSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000)
  const payload = Buffer.from(JSON.stringify({ sub: String(userId), iat, exp: iat + ttlSeconds })).toString(
    'base64url',
  )
  const data = `${HEADER}.${payload}`
  return `${data}.${sign(secret, data).toString('base64url')}`
}

/** The user id of a valid, unexpired token; null for anything else. */
export function verifyToken(secret: string, token: string, now = Date.now()): number | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [header, payload, signature] = parts as [string, string, string]
  if (header !== HEADER) return null
  const expected = sign(secret, `${header}.${payload}`)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null

  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (typeof claims !== 'object' || claims === null) return null
  const { sub, exp } = claims as { sub?: unknown; exp?: unknown }
  if (typeof exp !== 'number' || exp * 1000 <= now) return null
  const userId = typeof sub === 'string' ? Number(sub) : NaN
  return Number.isSafeInteger(userId) && userId > 0 ? userId : null
}
