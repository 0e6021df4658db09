import Taro from '@tarojs/taro'

/** WeChat scans with the camera; the QR code carries the pickup code as plain text. */
export const canScan = true

export async function scanPickupCode(): Promise<string> {
  const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
  return result.result
}
