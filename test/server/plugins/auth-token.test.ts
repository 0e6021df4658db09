import { createHmac } from 'node:crypto'
import { bearer, databases, seededPeople, signedToken, startApp, type TestApp } from '../harness'

/*
 * Login tokens: HS256 JWTs `{ sub, iat, exp }` made and checked by a kept library. A token is taken
 * only in its one exact spelling — no padding, no spare bits — and tokens issued before the library
 * took over (same secret, same claims) keep working until they expire.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown

/** A token exactly as the earlier hand-written signer made it. */
function legacyToken(secret: string, userId: number, ttlSeconds: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const iat = Math.floor(Date.now() / 1000)
  const data = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: String(userId), iat, exp: iat + ttlSeconds })}`
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`
}

describe.each(databases)('login tokens on $name', (database) => {
  let t: TestApp
  let memberId: number
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })

  beforeAll(async () => {
    t = await startApp(database, { env: { JWT_TTL_SECONDS: '7200' } })
    memberId = (await seededPeople(t.app)).plainMembers[0]!.id
  })
  afterAll(() => t.close())

  it('issues HS256 tokens with the user id as subject and the configured lifetime', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: memberId },
    })
    const token = login.json<{ token: string }>().token
    const [header, payload] = token.split('.')
    expect(decode(header!)).toEqual({ alg: 'HS256', typ: 'JWT' })
    const claims = decode(payload!) as { sub: string; iat: number; exp: number }
    expect(claims).toEqual({ sub: String(memberId), iat: expect.any(Number), exp: claims.iat + 7200 })
    expect((await me(token)).statusCode).toBe(200)
  })

  it('keeps accepting tokens issued before the change', async () => {
    expect((await me(legacyToken(t.config.jwtSecret, memberId, 3600))).statusCode).toBe(200)
  })

  it('refuses a token with padding appended or with the spare bits of its last character changed', async () => {
    const token = t.app.issueToken(memberId)
    const last = token.at(-1)!
    const index = ALPHABET.indexOf(last)
    // A 32-byte signature is 43 characters; the last one carries 4 bits and 2 spare ones.
    const respelled = ALPHABET[(index & ~3) | ((index + 1) & 3)]!
    expect(Buffer.from(`${token.slice(0, -1)}${respelled}`.split('.')[2]!, 'base64url')).toEqual(
      Buffer.from(token.split('.')[2]!, 'base64url'),
    )
    const [header, payload, signature] = token.split('.') as [string, string, string]
    for (const altered of [
      `${token}=`,
      `${token}==`,
      `${token.slice(0, -1)}${respelled}`,
      `${header}=.${payload}.${signature}`,
      `${header}.${payload}=.${signature}`,
      ` ${token}`.trim() + '.',
    ]) {
      const response = await me(altered)
      expect({ altered, status: response.statusCode, code: response.json().error.code }).toEqual({
        altered,
        status: 401,
        code: 'UNAUTHENTICATED',
      })
    }
    expect((await me(token)).statusCode).toBe(200)
  })

  it('refuses expired tokens, other secrets, unsigned tokens and other algorithms', async () => {
    const [, payload] = t.app.issueToken(memberId).split('.')
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const hs512 = signedToken(t.app, memberId, { algorithm: 'HS512' })
    for (const token of [
      signedToken(t.app, memberId, { issuedAt: Date.now() - 3600_000, ttlSeconds: 60 }),
      signedToken(t.app, memberId, { secret: 'some-other-secret-that-is-long-enough' }),
      `${none}.${payload}.`,
      `${none}.${payload}`,
      hs512,
    ]) {
      expect((await me(token)).statusCode).toBe(401)
    }
  })

  it('refuses a token once it expires, though it was taken before', async () => {
    // Issued 50 s ago for 60 s: good now, expired 11 s from now.
    const token = signedToken(t.app, memberId, { issuedAt: Date.now() - 50_000, ttlSeconds: 60 })
    expect((await me(token)).statusCode).toBe(200)
    expect((await me(token)).statusCode).toBe(200)
    const now = Date.now()
    const later = jest.spyOn(Date, 'now').mockReturnValue(now + 11_000)
    try {
      expect((await me(token)).statusCode).toBe(401)
    } finally {
      later.mockRestore()
    }
  })
})
