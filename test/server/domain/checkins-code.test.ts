import {
  CODE_TTL_MS,
  deriveCodeKeys,
  issueCode,
  matchShortCode,
  readCode,
  SLOT_MS,
  shortCodeFor,
  slotOf,
} from '../../../server/src/domain/checkins/code'
import { attendanceAt, verifyCheckinCode } from '../../../server/src/domain/checkins/rules'
import { AppError } from '../../../server/src/errors'

const keys = deriveCodeKeys('test-secret-that-is-long-enough')
/** 2026-11-24T06:00:00.000Z plus 3 s: inside a slot, not on its edge. */
const T0 = Date.UTC(2026, 10, 24, 6, 0, 0) + 3_000
const SECOND = 1000
const MINUTE = 60 * SECOND

function failure(run: () => unknown): { status: number; code: string } {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return { status: error.statusCode, code: error.code }
    throw error
  }
  throw new Error('expected a failure')
}

describe('rotating sign-in codes', () => {
  it('issues a compact code naming the session, refreshed every 10 s and alive for 30 s', () => {
    const issued = issueCode(keys, 42, new Date(T0))
    expect(issued.code).toMatch(/^[A-Za-z0-9_-]{28}$/)
    expect(issued.shortCode).toMatch(/^[0-9]{6}$/)
    const slotStart = Math.floor(T0 / SLOT_MS) * SLOT_MS
    expect(issued.expiresAt).toBe(new Date(slotStart + CODE_TTL_MS).toISOString())
    expect(issued.refreshInMs).toBe(slotStart + SLOT_MS - T0)
    expect(readCode(keys, issued.code)).toEqual({ sessionId: 42, slot: slotOf(T0) })

    // Same slot, same code (every server instance agrees); the next slot, a new one.
    expect(issueCode(keys, 42, new Date(T0 + 5 * SECOND)).code).toBe(issued.code)
    const next = issueCode(keys, 42, new Date(T0 + SLOT_MS))
    expect(next.code).not.toBe(issued.code)
    expect(issueCode(keys, 43, new Date(T0)).code).not.toBe(issued.code)
  })

  it('refuses forged, tampered and foreign codes', () => {
    const { code } = issueCode(keys, 42, new Date(T0))
    const flipped = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11)
    const otherKeys = deriveCodeKeys('another-secret')
    for (const bad of [
      flipped,
      'hello',
      '',
      `${code}A`,
      code.slice(1),
      issueCode(otherKeys, 42, new Date(T0)).code,
    ]) {
      expect(readCode(keys, bad)).toBeNull()
    }
    // Another session's id with this code's signature.
    const bytes = Buffer.from(code, 'base64url')
    bytes.writeUInt32BE(43, 1)
    expect(readCode(keys, bytes.toString('base64url'))).toBeNull()
  })

  it('matches short codes of the recent slots only, for their own session', () => {
    const slot = slotOf(T0)
    const current = shortCodeFor(keys, 42, slot)
    expect(matchShortCode(keys, 42, current, T0)).toBe(slot)
    expect(matchShortCode(keys, 42, shortCodeFor(keys, 42, slot - 1), T0)).toBe(slot - 1)
    expect(matchShortCode(keys, 42, shortCodeFor(keys, 42, slot - 60), T0)).toBeNull()
    expect(matchShortCode(keys, 42, 'abcdef', T0)).toBeNull()
    const foreign = shortCodeFor(keys, 43, slot)
    if (foreign !== current) expect(matchShortCode(keys, 42, foreign, T0)).toBeNull()
  })

  describe('verification against the clock', () => {
    const at = (ms: number) => new Date(ms)
    const { code, shortCode } = issueCode(keys, 42, at(T0))
    const expiry = Math.floor(T0 / SLOT_MS) * SLOT_MS + CODE_TTL_MS

    const slotStart = expiry - CODE_TTL_MS

    it('accepts a live code until its expiry, saying when it was on the screen', () => {
      expect(verifyCheckinCode(keys, { code }, at(T0))).toEqual({
        sessionId: 42,
        codeAt: slotStart,
        pending: false,
        offline: false,
        scannedAt: null,
      })
      expect(verifyCheckinCode(keys, { code }, at(expiry))).toMatchObject({ sessionId: 42, pending: false })
      expect(verifyCheckinCode(keys, { sessionId: 42, shortCode }, at(T0 + 15 * SECOND))).toMatchObject({
        sessionId: 42,
      })
    })

    it('refuses an expired code with CODE_EXPIRED and a wrong one with CODE_INVALID', () => {
      expect(failure(() => verifyCheckinCode(keys, { code }, at(expiry + 1)))).toEqual({
        status: 422,
        code: 'CODE_EXPIRED',
      })
      expect(failure(() => verifyCheckinCode(keys, { sessionId: 42, shortCode }, at(expiry + 1)))).toEqual({
        status: 422,
        code: 'CODE_EXPIRED',
      })
      const wrong = String((Number(shortCode) + 1) % 1_000_000).padStart(6, '0')
      expect(failure(() => verifyCheckinCode(keys, { sessionId: 42, shortCode: wrong }, at(T0))).code).toBe(
        'CODE_INVALID',
      )
      expect(failure(() => verifyCheckinCode(keys, { code: 'x'.repeat(28) }, at(T0))).code).toBe(
        'CODE_INVALID',
      )
    })

    it('makes an offline sign-in that arrives after the expiry pending, up to 10 minutes later', () => {
      const scannedAt = new Date(T0 + 5 * SECOND).toISOString()
      expect(verifyCheckinCode(keys, { code, scannedAt }, at(expiry))).toMatchObject({
        pending: false,
        offline: true,
      })
      expect(verifyCheckinCode(keys, { code, scannedAt }, at(expiry + 1))).toEqual({
        sessionId: 42,
        codeAt: slotStart,
        pending: true,
        offline: true,
        scannedAt: T0 + 5 * SECOND,
      })
      expect(verifyCheckinCode(keys, { code, scannedAt }, at(expiry + 10 * MINUTE)).pending).toBe(true)
      expect(
        failure(() => verifyCheckinCode(keys, { code, scannedAt }, at(expiry + 10 * MINUTE + 1))).code,
      ).toBe('CODE_EXPIRED')
      // Without a scan time an expired code is simply expired.
      expect(failure(() => verifyCheckinCode(keys, { code }, at(expiry + 1))).code).toBe('CODE_EXPIRED')
      // Scanned after the code died, or "before" it existed, or in the future.
      const late = new Date(expiry + SECOND).toISOString()
      expect(
        failure(() => verifyCheckinCode(keys, { code, scannedAt: late }, at(expiry + MINUTE))).code,
      ).toBe('CODE_EXPIRED')
      const early = new Date(T0 - 5 * MINUTE).toISOString()
      expect(failure(() => verifyCheckinCode(keys, { code, scannedAt: early }, at(T0))).code).toBe(
        'CODE_INVALID',
      )
      const future = new Date(T0 + 5 * MINUTE).toISOString()
      expect(failure(() => verifyCheckinCode(keys, { code, scannedAt: future }, at(T0)))).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      })
    })
  })

  it('opens the window 30 minutes before the start, closes it at the end, and is late after 10 minutes', () => {
    const startsAt = T0
    const session = {
      starts_at: new Date(startsAt).toISOString(),
      ends_at: new Date(startsAt + 2 * 60 * MINUTE).toISOString(),
    }
    expect(failure(() => attendanceAt(session, startsAt - 31 * MINUTE)).code).toBe('CHECKIN_CLOSED')
    expect(attendanceAt(session, startsAt - 30 * MINUTE)).toBe('present')
    expect(attendanceAt(session, startsAt + 10 * MINUTE)).toBe('present')
    expect(attendanceAt(session, startsAt + 10 * MINUTE + 1)).toBe('late')
    expect(attendanceAt(session, startsAt + 120 * MINUTE)).toBe('late')
    expect(failure(() => attendanceAt(session, startsAt + 120 * MINUTE + 1)).code).toBe('CHECKIN_CLOSED')
  })
})
