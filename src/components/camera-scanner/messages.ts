/** Why the camera did not open, in words that say what to do next. */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return '没有相机权限：请在浏览器设置中允许使用相机，或关闭后手动输入'
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return '没有找到可用的相机，请关闭后手动输入'
  if (name === 'NotReadableError') return '相机正被其他应用占用，请关闭后重试或手动输入'
  return '无法打开相机，请关闭后手动输入'
}
