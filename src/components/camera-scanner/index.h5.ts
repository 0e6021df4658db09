/**
 * Scanning in the browser: the camera where the page may use one (a secure context with
 * getUserMedia), with the scanner and its decoder fetched only when a scan starts.
 */
export const canUseCamera =
  typeof window !== 'undefined' &&
  window.isSecureContext === true &&
  typeof navigator !== 'undefined' &&
  typeof navigator.mediaDevices?.getUserMedia === 'function'

/** The text of the QR code the camera reads; rejects when the scanner is closed. */
export async function scanWithCamera(title: string): Promise<string> {
  const { openCameraScanner } = await import(/* webpackChunkName: "camera-scanner" */ './overlay')
  return openCameraScanner(title)
}
