/** What the platform answered: the part of a `Taro.request` result the app reads. */
export interface EarlyAnswer {
  statusCode: number
  data: unknown
}

// Only the H5 index page asks for anything before the app starts (`early-answers.h5.ts`); a
// mini-program's pages are in its package and ask for their data themselves.
export function takeEarlyAnswer(_url: string, _token: string | null): Promise<EarlyAnswer | null> | null {
  return null
}
