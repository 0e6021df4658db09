import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface CountdownBarProps extends BasicComponent {
  /** When the period began, in ms on this device's clock. */
  startedAt: number
  /** When it ends, in ms on this device's clock. */
  endsAt: number
  /** The words beside the bar for the seconds left, e.g. `8秒后刷新`. */
  label?: (secondsLeft: number) => string
  /** How often the bar moves; the default suits a bar a few hundred pixels long. */
  tickMs?: number
}

const defaultLabel = (seconds: number) => `${seconds}秒后刷新`

/** A bar that empties as a period runs out, with the seconds left in words. */
export function CountdownBar({
  startedAt,
  endsAt,
  label = defaultLabel,
  tickMs = 250,
  className,
  style,
}: CountdownBarProps) {
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), tickMs)
    return () => clearInterval(timer)
  }, [startedAt, endsAt, tickMs])

  const total = Math.max(1, endsAt - startedAt)
  const left = Math.min(total, Math.max(0, endsAt - now))
  const seconds = Math.ceil(left / 1000)
  return (
    <View className={cx('countdown-bar', className)} style={style}>
      <View
        className="countdown-bar__track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={Math.round(total / 1000)}
        aria-valuenow={seconds}
      >
        <View className="countdown-bar__fill" style={{ width: `${((left / total) * 100).toFixed(1)}%` }} />
      </View>
      <Text className="countdown-bar__label">{label(seconds)}</Text>
    </View>
  )
}

export default CountdownBar
