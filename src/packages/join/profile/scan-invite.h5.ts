/** H5: the phone's own camera opens an invite QR's link, which fills the code in. */
export const canScanInvite = false

export async function scanInvite(): Promise<string | null> {
  return null
}
