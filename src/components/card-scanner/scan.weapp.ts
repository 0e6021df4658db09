import Taro from '@tarojs/taro'

/** WeChat scans with the camera; the card QR carries its payload as plain text. */
export const canScan = true
/** No paste box: the camera is always there. */
export const canPaste = false

export async function scanCardPayload(): Promise<string> {
  const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
  return result.result
}
