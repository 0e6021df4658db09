import Taro from '@tarojs/taro'

/** WeChat scans the screen's QR code with the camera. */
export const canScanCheckin = true

/** The scanned text (the screen's `code`), or null when the member closed the scanner. */
export async function scanCheckinCode(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return result.result || null
  } catch {
    return null
  }
}
