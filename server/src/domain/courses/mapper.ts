import type { AttendanceStatus, Course, CourseKind, MaterialSummary, Session } from '../../schemas'
import { canManage, type Viewer } from '../access'
import { decodeCursor, encodeCursor, isId, isIsoTime } from '../cursor'

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
  my_enrolment: number | null
  /** When the viewer enrolled, if they did. */
  enrolled_at: string | null
  session_count: number | string | bigint | null
  next_session_at: string | null
}

export function toCourse(row: CourseListRow, viewer: Viewer): Course {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    description: row.description,
    branch:
      row.branch_id !== null && row.branch_name !== null
        ? { id: row.branch_id, name: row.branch_name }
        : null,
    capacity: row.capacity,
    enrolledCount: row.enrolled_count,
    enrolled: row.my_enrolment !== null,
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
}

export function toSession(row: SessionRow, attendance: AttendanceStatus | null): Session {
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venue: row.venue,
    lecturer: row.lecturer,
    myAttendance: attendance,
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
 * then finished ones (latest end first). A cursor names the part and the position in it.
 */
export type CoursePart = 'current' | 'past'

export interface CoursePosition {
  part: CoursePart
  /** starts_at in the current part, ends_at in the past part */
  at: string
  id: number
}

export function encodeCourseCursor(position: CoursePosition): string {
  return encodeCursor([position.part, position.at, position.id])
}

export function decodeCourseCursor(cursor: string): CoursePosition | null {
  const value = decodeCursor(cursor)
  if (!value || value.length !== 3) return null
  const [part, at, id] = value
  if ((part !== 'current' && part !== 'past') || !isIsoTime(at) || !isId(id)) return null
  return { part, at, id }
}
