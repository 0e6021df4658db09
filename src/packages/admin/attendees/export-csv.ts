import * as events from '@/services/events'
import { exportCsv } from '@/utils/export-csv'

export function csvFileName(eventId: number): string {
  return `活动报名名单-${eventId}.csv`
}

/** The attendee list as a CSV file: a download in the browser, a file to forward in WeChat. */
export function exportAttendeesCsv(eventId: number): Promise<void> {
  return exportCsv({
    path: events.attendeesCsvPath(eventId),
    fileName: csvFileName(eventId),
    forbiddenMessage: '只有活动的组织者可以导出名单',
  })
}
