import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import { cx, type BasicComponent } from '../types'
import { canPaste, canScan, scanCardPayload } from './scan'
import './index.scss'

export interface CardScannerProps extends BasicComponent {
  /** The scan button, e.g. 扫码核验 (mini-program). */
  scanText: string
  /** The button under the paste box, e.g. 核验 (browser). */
  submitText: string
  /** A request is under way: the buttons wait. */
  busy?: boolean
  /** Offer the scan button (a page with a scan button of its own shows only the paste box). */
  showScan?: boolean
  /** Called with a scanned or pasted payload; resolve `true` to clear the paste box. */
  onPayload: (payload: string) => Promise<boolean | void> | boolean | void
}

/**
 * Reads a member-card QR: the camera (WeChat's scanner, or the browser's camera scanner where the
 * page may use a camera), and in the browser a paste box too (a laptop at the door, or a phone
 * whose scanner app copied the text).
 */
export function CardScanner({
  scanText,
  submitText,
  busy = false,
  showScan = true,
  onPayload,
  className,
  style,
}: CardScannerProps) {
  const [text, setText] = useState('')
  const [empty, setEmpty] = useState(false)

  const submit = async () => {
    const payload = text.trim()
    if (busy) return
    if (!payload) {
      setEmpty(true)
      return
    }
    setEmpty(false)
    if ((await onPayload(payload)) === true) setText('')
  }

  const scan = async () => {
    if (busy) return
    let payload: string
    try {
      payload = await scanCardPayload()
    } catch {
      // Closing the scanner is not an error.
      return
    }
    await onPayload(payload)
  }

  return (
    <View className={cx('card-scanner', className)} style={style}>
      {canScan && showScan ? (
        <Button className="card-scanner__scan" loading={busy} onClick={() => void scan()}>
          {scanText}
        </Button>
      ) : null}
      {canPaste ? (
        <>
          <Text className="card-scanner__label">
            {canScan && showScan ? '或粘贴名片二维码内容' : '粘贴名片二维码内容'}
          </Text>
          <Textarea
            className="card-scanner__input"
            value={text}
            maxlength={512}
            placeholder="以 REDE1. 开头的一串字符"
            onInput={(e) => setText(e.detail.value)}
            aria-label="名片二维码内容"
          />
          {empty ? <Text className="card-scanner__empty">请先粘贴名片二维码内容</Text> : null}
          <Button className="card-scanner__submit" loading={busy} onClick={() => void submit()}>
            {submitText}
          </Button>
        </>
      ) : null}
    </View>
  )
}

export default CardScanner
