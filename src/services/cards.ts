import type { EventCheckinResult, MemberCard, VerifiedCard } from '../../types/api'
import { withIdempotencyKey } from './idempotency'
import { request } from './request'

/** My 数字党员名片: a signed payload for the QR, valid for a few minutes, and the public card fields. */
export function myCard(): Promise<MemberCard> {
  return request<MemberCard>('/api/me/card')
}

/** Secretaries and park admins: who a scanned card belongs to; 422 CARD_EXPIRED / CARD_INVALID. */
export function verify(payload: string): Promise<VerifiedCard> {
  return request<VerifiedCard>('/api/cards/verify', { method: 'POST', data: { payload: payload.trim() } })
}

/**
 * Organisers at the event door: checks in the member whose card was scanned (and the server awards
 * the event's points). A retry after a network error carries the same key, so it counts once.
 */
export function checkInAtEvent(eventId: number, payload: string): Promise<EventCheckinResult> {
  const value = payload.trim()
  return withIdempotencyKey(`event-door:${eventId}:${value}`, (key) =>
    request<EventCheckinResult>(`/api/events/${eventId}/checkins`, {
      method: 'POST',
      data: { payload: value },
      header: { 'Idempotency-Key': key },
    }),
  )
}
