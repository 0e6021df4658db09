import type { AttendanceStatus, Course, CourseKind, MaterialSummary, Session } from '../../schemas'
import { canManage, type Viewer } from '../access'
import { checkinOpensAt, checkinStatus } from '../checkins/rules'
import { decodeTimeCursor, type TimePosition } from '../cursor'
import { refOf } from '../organisation/mapper'
import { toIso } from '../park-time'
import { courseStatus } from './rules'

/** A courses row joined with its branch, the viewer's enrolment and its sessions' figures. */
export interface CourseListRow {
  id: number
  title: string
  kind: CourseKind
  description: string
  branch_id: number | null
  branch_name: string | null
  capacity: number
  enrolled_count: number
  starts_at: string
  ends_at: string
  created_by: number
  enrolment_open: number
  my_enrolment: number | null
  /** When the viewer enrolled, if they did. */
  enrolled_at: string | null
  session_count: number | string | bigint | null
  next_session_at: string | null
}

export function toCourse(row: CourseListRow, viewer: Viewer, now: Date): Course {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    description: row.description,
    branch: refOf(row.branch_id, row.branch_name),
    capacity: row.capacity,
    enrolledCount: row.enrolled_count,
    enrolled: row.my_enrolment !== null,
    status: courseStatus(row, now),
    enrolmentOpen: row.enrolment_open === 1,
    sessionCount: Number(row.session_count ?? 0),
    nextSessionAt: row.next_session_at,
    canManage: canManage(viewer, { branchId: row.branch_id }),
  }
}

export interface SessionRow {
  id: number
  starts_at: string
  ends_at: string
  venue: string
  lecturer: string
  cancelled_at: string | null
  cancel_reason: string | null
}

/** A session with the viewer's attendance and its sign-in window as of `now`. */
export function toSession(row: SessionRow, attendance: AttendanceStatus | null, now: Date): Session {
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venue: row.venue,
    lecturer: row.lecturer,
    myAttendance: attendance,
    checkinOpensAt: toIso(checkinOpensAt(row)),
    checkinStatus: checkinStatus(row, now.getTime()),
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  }
}

export interface MaterialSummaryRow {
  id: number
  title: string
  summary: string
  read_minutes: number
}

export function toMaterialSummary(row: MaterialSummaryRow): MaterialSummary {
  return { id: row.id, title: row.title, summary: row.summary, readMinutes: row.read_minutes }
}

/**
 * The list runs in two parts: courses still running or to come (first session soonest first),
 * then finished ones (latest end first). A cursor names the part and the position in it
 * (`at`: starts_at in the current part, ends_at in the past part).
 */
export type CoursePart = 'current' | 'past'
export type CoursePosition = TimePosition<CoursePart>

export const decodeCourseCursor = (cursor: string) => decodeTimeCursor(cursor, ['current', 'past'] as const)
