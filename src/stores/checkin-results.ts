import type { CheckinResult } from '../../types/api'

/**
 * The server's answers to this app's sign-ins, by session, kept in memory for the result page: it
 * shows what the server answered, never what its link says. After a reload the page asks the server.
 */
const answers = new Map<number, CheckinResult>()

export function rememberCheckin(result: CheckinResult) {
  answers.set(result.sessionId, result)
}

export function recalledCheckin(sessionId: number): CheckinResult | null {
  return answers.get(sessionId) ?? null
}
