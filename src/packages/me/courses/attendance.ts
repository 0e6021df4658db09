import type { Session } from '../../../../types/api'
import { ATTENDANCE_LABELS } from '@/utils/courses'

/** A session without a record yet: still to come, under way, or over and not yet closed. */
export function pendingLabel(session: Pick<Session, 'startsAt' | 'endsAt'>, now: number): string {
  if (Date.parse(session.startsAt) > now) return '未开始'
  if (Date.parse(session.endsAt) > now) return '进行中'
  return '未签到'
}

/** How a session went for me, in words (never colour alone). */
export function sessionAttendanceLabel(
  session: Pick<Session, 'startsAt' | 'endsAt' | 'myAttendance'>,
  now: number,
): string {
  return session.myAttendance ? ATTENDANCE_LABELS[session.myAttendance] : pendingLabel(session, now)
}

/** 出勤 2/3: sessions I attended (on time or late) out of those that have begun. */
export function attendanceSummary(sessions: Session[], now: number): string {
  const begun = sessions.filter((session) => Date.parse(session.startsAt) <= now)
  const attended = sessions.filter((s) => s.myAttendance === 'present' || s.myAttendance === 'late')
  if (begun.length === 0) return `共${sessions.length}次课，尚未开始`
  return `出勤 ${attended.length}/${begun.length}`
}
