import { randomInt } from 'node:crypto'

/** No 0/O, 1/I/L: a code read aloud or typed from a phone screen cannot be mistaken. */
export const PICKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const PICKUP_CODE_LENGTH = 8

export function newPickupCode(): string {
  let code = ''
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]
  return code
}

/** Codes are case-insensitive and may be typed with spaces or dashes: `ab3d-ef7h` → `AB3DEF7H`. */
export function normalisePickupCode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase()
}
