import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export type EmptyStateKind = 'empty' | 'error' | 'soon'

export interface EmptyStateProps extends BasicComponent {
  /** The one-line message, e.g. 暂无通知. */
  text: string
  /** A sentence under it that says what happens next. */
  hint?: string
  /** Picks the picture: nothing yet, something failed, or coming soon. */
  kind?: EmptyStateKind
  /** Label of the button; the button shows only with `onAction`. */
  actionText?: string
  /** Called when the button is tapped. */
  onAction?: () => void
}

const GLYPHS: Record<EmptyStateKind, string> = { empty: '空', error: '!', soon: '新' }

/** What a page shows instead of content: nothing yet, an error, or a feature still to come. */
export function EmptyState({
  text,
  hint,
  kind = 'empty',
  actionText,
  onAction,
  className,
  style,
}: EmptyStateProps) {
  return (
    <View className={cx('empty-state', `empty-state--${kind}`, className)} style={style}>
      <View className="empty-state__picture" aria-hidden="true">
        <Text className="empty-state__glyph">{GLYPHS[kind]}</Text>
      </View>
      <Text className="empty-state__text">{text}</Text>
      {hint ? <Text className="empty-state__hint">{hint}</Text> : null}
      {onAction && actionText ? (
        <Button className="empty-state__action" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  )
}

export default EmptyState
