import { createRoot } from 'react-dom/client'
import { CameraScanner } from './scanner'

/** The scanner was closed without a result: callers treat it as Taro.scanCode's cancel. */
export class ScanCancelled extends Error {
  constructor() {
    super('scan cancelled')
    this.name = 'ScanCancelled'
  }
}

/** Opens the camera scanner over the page; resolves with the QR code's text. */
export function openCameraScanner(title: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const host = document.createElement('div')
    host.className = 'camera-scanner-host'
    document.body.appendChild(host)
    const root = createRoot(host)
    const previousFocus = document.activeElement as HTMLElement | null
    let done = false
    const finish = (settle: () => void) => {
      if (done) return
      done = true
      // After the current event or effect has run: a root is not unmounted from inside itself.
      setTimeout(() => {
        root.unmount()
        host.remove()
        previousFocus?.focus?.()
        settle()
      })
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      document.removeEventListener('keydown', onKey)
      finish(() => reject(new ScanCancelled()))
    }
    document.addEventListener('keydown', onKey)
    root.render(
      <CameraScanner
        title={title}
        onResult={(text) => {
          document.removeEventListener('keydown', onKey)
          finish(() => resolve(text))
        }}
        onClose={() => {
          document.removeEventListener('keydown', onKey)
          finish(() => reject(new ScanCancelled()))
        }}
      />,
    )
  })
}
