import { canUseCamera, scanWithCamera } from '@/components/camera-scanner'

/** The browser scans with the camera where it may; the payload can always be pasted too. */
export const canScan = canUseCamera
export const canPaste = true

export function scanCardPayload(): Promise<string> {
  return scanWithCamera('扫描成员名片')
}
