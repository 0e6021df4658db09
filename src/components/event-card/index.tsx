import { Text, View } from '@tarojs/components'
import type { Event } from '../../../types/api'
import { mySignupLabel, placesLabel } from '@/utils/event-status'
import { formatDateTime, formatRelative } from '@/utils/time'
import { Tag } from '../tag'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface EventCardProps extends BasicComponent {
  /** The event as the list endpoint returns it, including my signup. */
  event: Event
  /** Called with the event when the card is tapped. */
  onOpen?: (event: Event) => void
  /** "Now" for the relative date; tests pin it. */
  now?: number
}

/**
 * One event in a list: category, title, when (and how soon), where, places left and my signup.
 * Every state is a word, never only a colour.
 */
export function EventCard({ event, onOpen, now, className, style }: EventCardProps) {
  const places = placesLabel(event)
  const mine = event.mySignup ? mySignupLabel(event.mySignup) : null
  const category = event.categoryName
  const when = `${formatDateTime(event.startsAt)} · ${formatRelative(event.startsAt, now)}`
  const label = [category, event.title, when, event.venue, places.text, mine].filter(Boolean).join('，')
  return (
    <View
      className={cx(
        'event-card',
        `event-card--${event.status}`,
        event.mySignup && `event-card--${event.mySignup.status}`,
        className,
      )}
      style={style}
      hoverClass="event-card--active"
      onClick={() => onOpen?.(event)}
      aria-label={label}
    >
      <View className="event-card__head">
        <Tag type="primary" className="event-card__category">
          {category}
        </Tag>
        {event.branch ? <Tag className="event-card__branch">{event.branch.name}</Tag> : null}
        {mine ? (
          <Text
            className={cx(
              'event-card__state',
              `event-card__state--${event.mySignup?.status === 'confirmed' ? 'confirmed' : 'waitlisted'}`,
            )}
          >
            {mine}
          </Text>
        ) : null}
      </View>
      <Text className="event-card__title">{event.title}</Text>
      <View className="event-card__meta">
        <Text className="event-card__date">{when}</Text>
        <Text className="event-card__venue">{event.venue}</Text>
      </View>
      <Text className={cx('event-card__places', `event-card__places--${places.tone}`)}>{places.text}</Text>
    </View>
  )
}

export default EventCard
