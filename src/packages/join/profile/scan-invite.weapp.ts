import Taro from '@tarojs/taro'

export const canScanInvite = true

/** The scanned text, or null when the member closed the scanner (or refused the privacy popup). */
export async function scanInvite(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return result.result || null
  } catch {
    return null
  }
}
