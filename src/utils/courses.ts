import type { AttendanceStatus, Course, CourseKind } from '../../types/api'

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
