import type { Attendee } from '../../schemas'
import { toCsv } from '../csv'
import { formatParkDateTime } from '../park-time'

const HEADER = ['姓名', '支部', '状态', '候补位次', '报名时间', '签到时间'] as const

const STATUS_TEXT: Record<Attendee['status'], string> = { confirmed: '已报名', waitlisted: '候补' }

/** The attendee list as a spreadsheet organisers open in Excel or WPS; times in park time. */
export function attendeesCsv(attendees: readonly Attendee[]): string {
  return toCsv(
    HEADER,
    attendees.map((attendee) => [
      attendee.member.name,
      attendee.member.branch?.name ?? '',
      STATUS_TEXT[attendee.status],
      attendee.position ?? null,
      formatParkDateTime(attendee.signedUpAt),
      attendee.checkedInAt ? formatParkDateTime(attendee.checkedInAt) : null,
    ]),
  )
}
