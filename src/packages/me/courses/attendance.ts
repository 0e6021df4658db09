import type { CourseWithSessions, Session } from '../../../../types/api'
import { ATTENDANCE_LABELS } from '@/utils/courses'

/** A session without a record yet, by the server's word on its sign-in window. */
const NO_RECORD_LABELS: Record<Session['checkinStatus'], string> = {
  not_open: '未开始',
  open: '进行中',
  closed: '未签到',
}

/** How a session went for me, in words (never colour alone). */
export function sessionAttendanceLabel(session: Pick<Session, 'myAttendance' | 'checkinStatus'>): string {
  return session.myAttendance
    ? ATTENDANCE_LABELS[session.myAttendance]
    : NO_RECORD_LABELS[session.checkinStatus]
}

/** 出勤 2/3 as the server counted it; 共3次课，尚未开始 before anything was held. */
export function attendanceSummary(course: Pick<CourseWithSessions, 'attendance' | 'sessions'>): string {
  const { attended, held } = course.attendance
  if (held === 0) return `共${course.sessions.length}次课，尚未开始`
  return `出勤 ${attended}/${held}`
}
