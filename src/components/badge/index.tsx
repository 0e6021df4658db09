import { Text } from '@tarojs/components'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface BadgeProps extends BasicComponent {
  /** The number to show; nothing is rendered at 0. */
  count: number
  /** Above this the badge reads `99+`. */
  max?: number
  /** What a screen reader announces, e.g. `3条未读通知`; defaults to the number. */
  label?: string
}

/** A red pill with a count, e.g. unread notices. */
export function Badge({ count, max = 99, label, className, style }: BadgeProps) {
  if (count <= 0) return null
  return (
    <Text className={cx('badge', className)} style={style} aria-label={label ?? String(count)}>
      {count > max ? `${max}+` : count}
    </Text>
  )
}

export default Badge
