const HOUR = 3600 * 1000
/** The park is in Xiamen (UTC+8, no daylight saving): member-facing texts use its local time. */
const PARK_UTC_OFFSET = 8 * HOUR

const local = (iso: string) => new Date(Date.parse(iso) + PARK_UTC_OFFSET)
const pad = (n: number) => String(n).padStart(2, '0')

/** `11月24日 14:00` in park time, for notification and error texts. */
export function formatParkTime(iso: string): string {
  const at = local(iso)
  return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`
}

/** `2026-11-24 14:00` in park time, for spreadsheets. */
export function formatParkDateTime(iso: string): string {
  return local(iso).toISOString().slice(0, 16).replace('T', ' ')
}
