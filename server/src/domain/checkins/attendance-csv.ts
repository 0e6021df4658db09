import type { AttendanceEntry, SessionAttendance } from '../../schemas'
import { toCsv } from '../csv'
import { formatParkDateTime } from '../park-time'

const HEADER = ['姓名', '支部', '状态', '签到时间', '离线', '备注'] as const

const STATUS_TEXT: Record<AttendanceEntry['status'], string> = {
  present: '已签到',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
  pending: '待确认',
}

function note(entry: AttendanceEntry): string | null {
  if (entry.note) return entry.note
  return entry.manual && entry.status !== 'leave' ? '手工签到' : null
}

/** The attendance report as a spreadsheet organisers open in Excel or WPS; times in park time. */
export function attendanceCsv(attendance: SessionAttendance): string {
  const { present, late, pending, leave, absent } = attendance
  return toCsv(
    HEADER,
    [...present, ...late, ...pending, ...leave, ...absent].map((entry) => [
      entry.member.name,
      entry.member.branch?.name ?? '',
      STATUS_TEXT[entry.status],
      entry.checkedInAt ? formatParkDateTime(entry.checkedInAt) : null,
      entry.offline ? '是' : null,
      note(entry),
    ]),
  )
}
