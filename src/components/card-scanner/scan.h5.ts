/** A browser has no scanner the mini-program way: the payload is pasted (e.g. from a scanner app). */
export const canScan = false

export function scanCardPayload(): Promise<string> {
  return Promise.reject(new Error('scanning is not available here'))
}
