import { canUseCamera, scanWithCamera } from '@/components/camera-scanner'

/** The browser scans the screen's QR code with the camera where it may; else the short code. */
export const canScanCheckin = canUseCamera

/** The scanned text (the screen's `code`), or null when the member closed the scanner. */
export async function scanCheckinCode(): Promise<string | null> {
  try {
    return (await scanWithCamera('扫描大屏上的签到二维码')) || null
  } catch {
    return null
  }
}
