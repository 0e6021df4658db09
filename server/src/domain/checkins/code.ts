import { createHmac, timingSafeEqual } from 'node:crypto'
import { toIso } from '../park-time'

/*
 * Rotating sign-in codes. Time is cut into 10-second slots; the code of a slot names the session
 * and the slot and carries an HMAC over both, so a code cannot be forged or moved to another
 * session, and its expiry (slot start + 30 s) follows from the slot it names. Every server
 * instance computes the same code for the same slot, so no code is stored anywhere.
 */

/** A new code every 10 seconds… */
export const SLOT_MS = 10_000
/** …and each one lives 30 seconds, so a member who scans just before a refresh still gets in. */
export const CODE_TTL_MS = 30_000
/**
 * Short codes of the last two minutes are recognised: the live ones (the last 30 s) and older ones,
 * so that a slow typist hears "expired" rather than "wrong".
 */
const RECOGNISED_SLOTS = 12

const VERSION = 1
const MAC_BYTES = 12
/** version (1) + session id (4) + slot (4) + MAC: 21 bytes, 28 base64url characters. */
const CODE_BYTES = 1 + 4 + 4 + MAC_BYTES
const CODE_PATTERN = /^[A-Za-z0-9_-]{28}$/

export interface CodeKeys {
  qr: Buffer
  short: Buffer
}

/** Keys of their own, derived from the server secret, so a code can never pass for a login token. */
export function deriveCodeKeys(secret: string): CodeKeys {
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest()
  return { qr: derive('checkin-code'), short: derive('checkin-short-code') }
}

export const slotOf = (at: number): number => Math.floor(at / SLOT_MS)
export const slotStart = (slot: number): number => slot * SLOT_MS
export const slotExpiry = (slot: number): number => slotStart(slot) + CODE_TTL_MS

function payload(sessionId: number, slot: number): Buffer {
  const bytes = Buffer.alloc(9)
  bytes.writeUInt8(VERSION, 0)
  bytes.writeUInt32BE(sessionId, 1)
  bytes.writeUInt32BE(slot, 5)
  return bytes
}

function mac(keys: CodeKeys, body: Buffer): Buffer {
  return createHmac('sha256', keys.qr).update(body).digest().subarray(0, MAC_BYTES)
}

/** The 6 digits shown under the QR code for the slot. */
export function shortCodeFor(keys: CodeKeys, sessionId: number, slot: number): string {
  const digest = createHmac('sha256', keys.short).update(payload(sessionId, slot)).digest()
  return String(digest.readUIntBE(0, 6) % 1_000_000).padStart(6, '0')
}

export interface IssuedCode {
  code: string
  shortCode: string
  expiresAt: string
  refreshInMs: number
}

/** The code of the current slot: what the secretary's screen shows now. */
export function issueCode(keys: CodeKeys, sessionId: number, now: Date): IssuedCode {
  const at = now.getTime()
  const slot = slotOf(at)
  const body = payload(sessionId, slot)
  return {
    code: Buffer.concat([body, mac(keys, body)]).toString('base64url'),
    shortCode: shortCodeFor(keys, sessionId, slot),
    expiresAt: toIso(slotExpiry(slot)),
    refreshInMs: slotStart(slot + 1) - at,
  }
}

export interface ReadCode {
  sessionId: number
  slot: number
}

/** The session and slot a QR code names, or null when it is not a genuine code (checked in constant time). */
export function readCode(keys: CodeKeys, code: string): ReadCode | null {
  if (!CODE_PATTERN.test(code)) return null
  const bytes = Buffer.from(code, 'base64url')
  if (bytes.length !== CODE_BYTES || bytes.readUInt8(0) !== VERSION) return null
  const body = bytes.subarray(0, 9)
  if (!timingSafeEqual(bytes.subarray(9), mac(keys, body))) return null
  const sessionId = bytes.readUInt32BE(1)
  if (sessionId === 0) return null
  return { sessionId, slot: bytes.readUInt32BE(5) }
}

/**
 * The slot of a short code typed at `at` for the session: the newest slot whose code it is among
 * the recent ones (alive or recently expired), or null when it matches none.
 */
export function matchShortCode(
  keys: CodeKeys,
  sessionId: number,
  shortCode: string,
  at: number,
): number | null {
  if (!/^[0-9]{6}$/.test(shortCode)) return null
  const given = Buffer.from(shortCode)
  const current = slotOf(at)
  let found: number | null = null
  // Every candidate is compared (no early exit), so the time taken says nothing about a match.
  for (let back = 0; back < RECOGNISED_SLOTS; back++) {
    const slot = current - back
    const expected = Buffer.from(shortCodeFor(keys, sessionId, slot))
    if (timingSafeEqual(given, expected) && found === null) found = slot
  }
  return found
}
