import { canUseCamera, scanWithCamera } from '@/components/camera-scanner'

/** The browser scans the pickup QR with the camera where it may; the code can always be typed. */
export const canScan = canUseCamera

export function scanPickupCode(): Promise<string> {
  return scanWithCamera('扫描取件码')
}
