import { Text, View } from '@tarojs/components'
import type { Announcement } from '../../../types/api'
import { formatDateTime, formatRelative } from '@/utils/time'
import { Tag } from '../tag'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface AnnouncementCardProps extends BasicComponent {
  /** The notice as the list endpoint returns it. */
  announcement: Announcement
  /** Called with the notice when the card is tapped. */
  onOpen?: (announcement: Announcement) => void
  /** "Now" for the relative date; tests pin it. */
  now?: number
}

export function scopeLabel(announcement: Pick<Announcement, 'scope' | 'branch'>): string {
  return announcement.scope === 'park' ? '园区' : (announcement.branch?.name ?? '本支部')
}

/**
 * One notice in a list. Unread is said three ways (dot, bold title, the word 未读) so it never
 * depends on colour alone.
 */
export function AnnouncementCard({ announcement, onOpen, now, className, style }: AnnouncementCardProps) {
  const { title, summary, pinned, read, publishedAt } = announcement
  const scope = scopeLabel(announcement)
  const label = [pinned ? '置顶' : '', read ? '' : '未读', `${scope}通知`, title].filter(Boolean).join('，')
  return (
    <View
      className={cx(
        'announcement-card',
        !read && 'announcement-card--unread',
        pinned && 'announcement-card--pinned',
        className,
      )}
      style={style}
      hoverClass="announcement-card--active"
      onClick={() => onOpen?.(announcement)}
      aria-label={label}
    >
      <View className="announcement-card__head">
        {!read ? (
          <View className="announcement-card__unread">
            <View className="announcement-card__dot" aria-hidden="true" />
            <Text className="announcement-card__unread-label">未读</Text>
          </View>
        ) : null}
        <Text className="announcement-card__title">{title}</Text>
      </View>
      {summary ? <Text className="announcement-card__summary">{summary}</Text> : null}
      <View className="announcement-card__meta">
        {pinned ? (
          <Tag type="solid" className="announcement-card__pinned">
            置顶
          </Tag>
        ) : null}
        <Tag
          type={announcement.scope === 'park' ? 'primary' : 'default'}
          className="announcement-card__scope"
        >
          {scope}
        </Tag>
        <Text className="announcement-card__date">
          {formatDateTime(publishedAt)} · {formatRelative(publishedAt, now)}
        </Text>
      </View>
    </View>
  )
}

export default AnnouncementCard
