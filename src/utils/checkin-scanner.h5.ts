/** A browser has no scanner the mini-program way: the member types the 6-digit short code. */
export const canScanCheckin = false

export async function scanCheckinCode(): Promise<string | null> {
  return null
}
