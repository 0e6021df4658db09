import { CATEGORY_NAMES, type CategoryCode, type Event, type EventDetail, type MySignup } from '../../schemas'
import { canManage, type Viewer } from '../access'
import { decodeTimeCursor, type TimePosition } from '../cursor'
import { refOf } from '../organisation/mapper'
import { eventStatus } from './rules'

/** An events row joined with its branch, its waitlist size and the viewer's own signup. */
export interface EventListRow {
  id: number
  title: string
  category: CategoryCode
  venue: string
  starts_at: string
  ends_at: string
  capacity: number
  confirmed_count: number
  signup_deadline: string
  cancel_deadline: string
  cancelled_at: string | null
  branch_id: number | null
  branch_name: string | null
  waitlist_count: number | string | bigint | null
  my_status: 'confirmed' | 'waitlisted' | 'cancelled' | null
  /** Waitlisted signups ahead of the viewer's own (meaningful only when waitlisted). */
  my_ahead: number | string | bigint | null
}

export interface EventDetailRow extends EventListRow {
  description: string
}

function mySignup(row: EventListRow): MySignup | null {
  if (row.my_status === 'confirmed') return { status: 'confirmed' }
  if (row.my_status === 'waitlisted') return { status: 'waitlisted', position: Number(row.my_ahead ?? 0) + 1 }
  return null
}

export function toEvent(row: EventListRow, viewer: Viewer, now: Date): Event {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    categoryName: CATEGORY_NAMES[row.category],
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venue: row.venue,
    capacity: row.capacity,
    confirmedCount: row.confirmed_count,
    waitlistCount: Number(row.waitlist_count ?? 0),
    signupDeadline: row.signup_deadline,
    cancelDeadline: row.cancel_deadline,
    status: eventStatus(row, now),
    branch: refOf(row.branch_id, row.branch_name),
    mySignup: mySignup(row),
    canManage: canManage(viewer, { branchId: row.branch_id }),
  }
}

export function toEventDetail(row: EventDetailRow, viewer: Viewer, now: Date): EventDetail {
  return { ...toEvent(row, viewer, now), description: row.description }
}

export type When = 'upcoming' | 'past'

/** Position in a list ordered by (starts_at, id): ascending for upcoming, descending for past. */
export type EventPosition = TimePosition<When>

export const decodeEventCursor = (cursor: string) => decodeTimeCursor(cursor, ['upcoming', 'past'] as const)
