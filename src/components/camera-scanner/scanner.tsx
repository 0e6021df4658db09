import { useEffect, useRef, useState } from 'react'
import { createDecoder, type QrDecoder } from './decoder'
import { cameraErrorMessage } from './messages'
import './index.scss'

/** How often a frame is looked at: often enough to feel instant, rarely enough to spare the battery. */
const FRAME_INTERVAL_MS = 120

export interface CameraScannerProps {
  /** What is being scanned, e.g. 扫描成员名片. */
  title: string
  /** The text of the first QR code read. */
  onResult: (text: string) => void
  /** The person closed the scanner. */
  onClose: () => void
}

type State =
  | { kind: 'starting' }
  | { kind: 'scanning'; decoder: QrDecoder['kind'] }
  | { kind: 'failed'; message: string }

/**
 * The browser's camera scanner: the back camera's picture under a square guide, read frame by frame
 * until a QR code is found. The camera stops the moment it has a result or the scanner closes.
 */
export function CameraScanner({ title, onResult, onClose }: CameraScannerProps) {
  const videoRef = useRef<HTMLVideoElement>(null)
  const onResultRef = useRef(onResult)
  onResultRef.current = onResult
  const [state, setState] = useState<State>({ kind: 'starting' })

  useEffect(() => {
    let stopped = false
    let stream: MediaStream | null = null
    let decoder: QrDecoder | null = null
    let timer: ReturnType<typeof setTimeout> | undefined

    const stop = () => {
      stopped = true
      clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
      decoder?.close()
    }

    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        })
        const video = videoRef.current
        if (stopped || !video) return stop()
        video.srcObject = stream
        await video.play()
        decoder = await createDecoder()
        if (stopped) return stop()
        setState({ kind: 'scanning', decoder: decoder.kind })
      } catch (error) {
        if (!stopped) setState({ kind: 'failed', message: cameraErrorMessage(error) })
        return
      }
      const tick = async () => {
        if (stopped || !decoder || !videoRef.current) return
        const text = await decoder.decode(videoRef.current).catch(() => null)
        if (stopped) return
        if (text) {
          stop()
          onResultRef.current(text)
          return
        }
        timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS)
      }
      void tick()
    }

    void start()
    return stop
  }, [])

  return (
    <div
      className="camera-scanner"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      data-state={state.kind}
      data-decoder={state.kind === 'scanning' ? state.decoder : undefined}
    >
      <video className="camera-scanner__video" ref={videoRef} muted playsInline aria-hidden="true" />
      <div className="camera-scanner__guide" aria-hidden="true" />
      <div className="camera-scanner__top">
        <p className="camera-scanner__title">{title}</p>
        <p className="camera-scanner__hint" aria-live="polite">
          {state.kind === 'failed'
            ? state.message
            : state.kind === 'starting'
              ? '正在打开相机…'
              : '将二维码放入框内，即可自动识别'}
        </p>
      </div>
      <button type="button" className="camera-scanner__close" onClick={onClose}>
        {state.kind === 'failed' ? '关闭' : '取消'}
      </button>
    </div>
  )
}

export default CameraScanner
