/** A browser has no scanner the mini-program way; the code is typed in. */
export const canScan = false

export function scanPickupCode(): Promise<string> {
  return Promise.reject(new Error('scanning is not available here'))
}
