import { ApiError } from './api-error'

/** Keys of actions still waiting for a definite answer, by action name (e.g. `event-signup:12`). */
const pending = new Map<string, string>()

function randomHex(length: number): string {
  let out = ''
  while (out.length < length) out += Math.floor(Math.random() * 0x100000000).toString(16)
  return out.slice(0, length)
}

/** A fresh `Idempotency-Key`: visible ASCII, unique enough per user (the server scopes keys by user). */
export function newIdempotencyKey(): string {
  return `${Date.now().toString(36)}-${randomHex(16)}`
}

/** The request reached no verdict: the server may or may not have done the work. */
function isInconclusive(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500)
}

/**
 * Runs one user action with an `Idempotency-Key`. After a network error or timeout the key is kept,
 * so tapping again retries the same action and the server answers its first answer instead of doing
 * it twice. Any definite answer (success or a refusal) ends the action: the next tap is a new one.
 */
export async function withIdempotencyKey<T>(action: string, send: (key: string) => Promise<T>): Promise<T> {
  const key = pending.get(action) ?? newIdempotencyKey()
  pending.set(action, key)
  try {
    const result = await send(key)
    pending.delete(action)
    return result
  } catch (error) {
    if (!isInconclusive(error)) pending.delete(action)
    throw error
  }
}

/** Ends an action whose outcome is now known some other way (e.g. the signup was cancelled since). */
export function forgetIdempotencyKey(action: string) {
  pending.delete(action)
}
