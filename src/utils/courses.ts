import type { AttendanceStatus, Course, CourseKind, Session } from '../../types/api'

export const COURSE_KIND_LABELS: Record<CourseKind, string> = {
  training: '党务培训',
  study: '学习课程',
}

/** My attendance at a session, in words; `—` while there is nothing to say yet. */
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: '已签到',
  late: '迟到',
  leave: '请假',
  absent: '缺勤',
  pending: '待确认',
}

export function attendanceLabel(status: AttendanceStatus | null): string {
  return status ? ATTENDANCE_LABELS[status] : '—'
}

/** Who runs a course: the park committee or a branch. */
export function courseOrganiserLabel(course: Pick<Course, 'branch'>): string {
  return course.branch?.name ?? '园区'
}

/** `已报名 12/60` */
export function enrolmentLabel(course: Pick<Course, 'enrolledCount' | 'capacity'>): string {
  return `已报名 ${course.enrolledCount}/${course.capacity}`
}

export function isCourseFull(course: Pick<Course, 'enrolledCount' | 'capacity'>): boolean {
  return course.enrolledCount >= course.capacity
}

/** Sign-in opens 30 minutes before a session starts and closes when it ends (API.md). */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60 * 1000

/**
 * Whether the sign-in window of a session is open at `now`. Only for choosing what to offer:
 * the server judges every sign-in against its own clock.
 */
export function isCheckinOpen(session: Pick<Session, 'startsAt' | 'endsAt'>, now: number = Date.now()) {
  return Date.parse(session.startsAt) - CHECKIN_OPENS_BEFORE_MS <= now && now <= Date.parse(session.endsAt)
}

/** A course whose next session may have its sign-in window open now. */
export function mayHaveOpenSession(course: Pick<Course, 'nextSessionAt'>, now: number = Date.now()) {
  return course.nextSessionAt !== null && Date.parse(course.nextSessionAt) - CHECKIN_OPENS_BEFORE_MS <= now
}
