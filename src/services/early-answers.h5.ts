import type { EarlyAnswer } from './early-answers'

export type { EarlyAnswer } from './early-answers'

/** Set by the index page's inline script (src/index.html) for a member who is signed in. */
interface EarlyAnswers {
  token: string
  at: number
  answers: Record<string, Promise<EarlyAnswer | null> | undefined>
}

/** An answer asked for this long before the app wants it is no longer what the server would say. */
const FRESH_MS = 10_000

/**
 * The answer the index page already asked for on this URL with this session, taken once: the
 * first page's GETs set off before the app's script had even loaded. Anything else (another
 * session, an old answer, a second request of the same URL) goes to the server as usual; so does a
 * request whose early answer failed on the network (it resolves null).
 */
export function takeEarlyAnswer(url: string, token: string | null): Promise<EarlyAnswer | null> | null {
  const early = (window as { __earlyAnswers?: EarlyAnswers }).__earlyAnswers
  if (!early || early.token !== token) return null
  const answer = early.answers[url]
  if (!answer) return null
  delete early.answers[url]
  return Date.now() - early.at <= FRESH_MS ? answer : null
}
