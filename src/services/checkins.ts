import type {
  AttendanceEntry,
  AttendanceUndoResult,
  CheckinBody,
  CheckinCode,
  CheckinFeed,
  CheckinResult,
  ConfirmPendingResult,
  ManualAttendanceBody,
  SessionAttendance,
} from '../../types/api'
import { request } from './request'

/**
 * 签到 with a scanned `{ code }` or a typed `{ sessionId, shortCode }`; `scannedAt` only from the offline
 * queue. The caller owns the Idempotency-Key, so a queued sign-in is retried under the key of its first
 * attempt and can never be recorded twice.
 */
export function checkIn(body: CheckinBody, idempotencyKey: string): Promise<CheckinResult> {
  return request<CheckinResult>('/api/checkins', {
    method: 'POST',
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
  })
}

/** Organisers: the code the screen shows now, and when to fetch the next one. */
export function checkinCode(sessionId: number): Promise<CheckinCode> {
  return request<CheckinCode>(`/api/sessions/${sessionId}/checkin-code`)
}

/** Organisers: how many signed in, and who signed in after `since` (the previous answer's `lastId`). */
export function feed(sessionId: number, since = 0): Promise<CheckinFeed> {
  return request<CheckinFeed>(`/api/sessions/${sessionId}/checkins`, {
    data: { since: since > 0 ? since : undefined },
  })
}

/** Organisers: present, late, on leave and absent (enrolled, neither signed in nor on leave). */
export function attendance(sessionId: number): Promise<SessionAttendance> {
  return request<SessionAttendance>(`/api/sessions/${sessionId}/attendance`)
}

/** Organisers: 补签 (present) or 请假 (leave, with an optional note) for one member. */
export function recordAttendance(sessionId: number, body: ManualAttendanceBody): Promise<AttendanceEntry> {
  return request<AttendanceEntry>(`/api/sessions/${sessionId}/attendance`, { method: 'POST', data: body })
}

/** Organisers: undo a 补签 or 请假 (the server keeps the undone record and takes 补签's points back). */
export function undoAttendance(sessionId: number, memberId: number): Promise<AttendanceUndoResult> {
  return request<AttendanceUndoResult>(`/api/sessions/${sessionId}/attendance/undo`, {
    method: 'POST',
    data: { memberId },
  })
}

/** Organisers: 全部确认 — every pending sign-in (arrived after its code expired) now counts. */
export function confirmAllPending(sessionId: number): Promise<ConfirmPendingResult> {
  return request<ConfirmPendingResult>(`/api/sessions/${sessionId}/attendance/confirm`, { method: 'POST' })
}

export function attendanceCsvPath(sessionId: number): string {
  return `/api/sessions/${sessionId}/attendance?format=csv`
}
