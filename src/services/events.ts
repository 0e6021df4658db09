import type {
  AttendeeList,
  Category,
  CategoryCode,
  EventCreate,
  EventDetail,
  EventPage,
  EventPatch,
  MySignupPage,
  SignupResult,
} from '../../types/api'
import { forgetIdempotencyKey, withIdempotencyKey } from './idempotency'
import { request } from './request'

export const PAGE_SIZE = 20

export type EventWhen = 'upcoming' | 'past'

export interface EventFilter {
  /** 即将开始 (soonest first) or 往期回顾 (latest first). */
  when: EventWhen
  /** One category, or every category when absent. */
  category?: CategoryCode | null
  /** Only the events I organise (活动管理). */
  managed?: boolean
}

export interface CancelSignupResult {
  status: 'cancelled'
}

const signupAction = (id: number) => `event-signup:${id}`

/** Park-wide events and the member's own branch's. */
export function list(filter: EventFilter, cursor?: string | null): Promise<EventPage> {
  return request<EventPage>('/api/events', {
    data: {
      when: filter.when,
      category: filter.category || undefined,
      managed: filter.managed ? '1' : undefined,
      limit: PAGE_SIZE,
      cursor: cursor || undefined,
    },
  })
}

export function categories(): Promise<Category[]> {
  return request<Category[]>('/api/categories')
}

export function detail(id: number): Promise<EventDetail> {
  return request<EventDetail>(`/api/events/${id}`)
}

/**
 * 报名: confirmed while there are places, otherwise a waitlist position. Idempotent: a retry after a
 * network error carries the same key, so it can never book twice.
 */
export function signUp(id: number): Promise<SignupResult> {
  return withIdempotencyKey(signupAction(id), (key) =>
    request<SignupResult>(`/api/events/${id}/signup`, {
      method: 'POST',
      header: { 'Idempotency-Key': key },
    }),
  )
}

/** 取消报名 or 退出候补; the server promotes the head of the waitlist. */
export async function cancelSignup(id: number): Promise<CancelSignupResult> {
  const result = await request<CancelSignupResult>(`/api/events/${id}/signup`, { method: 'DELETE' })
  // A signup that was still pending a retry is moot now; signing up again is a new action.
  forgetIdempotencyKey(signupAction(id))
  return result
}

/** My confirmed and waitlisted signups, upcoming first. */
export function mySignups(cursor?: string | null): Promise<MySignupPage> {
  return request<MySignupPage>('/api/me/signups', {
    data: { limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}

export function create(input: EventCreate): Promise<EventDetail> {
  return request<EventDetail>('/api/events', { method: 'POST', data: input })
}

export function update(id: number, patch: EventPatch): Promise<EventDetail> {
  return request<EventDetail>(`/api/events/${id}`, { method: 'PATCH', data: patch })
}

/** 取消活动: the event stays, marked cancelled, and its members are told. */
export function cancelEvent(id: number): Promise<EventDetail> {
  return request<EventDetail>(`/api/events/${id}`, { method: 'DELETE' })
}

/** Organisers only: confirmed first, then the waitlist in order. */
export function attendees(id: number): Promise<AttendeeList> {
  return request<AttendeeList>(`/api/events/${id}/attendees`)
}

export function attendeesCsvPath(id: number): string {
  return `/api/events/${id}/attendees?format=csv`
}

/** The attendee list as CSV text (UTF-8), fetched with the session token. */
export function attendeesCsv(id: number): Promise<string> {
  return request<string>(`/api/events/${id}/attendees`, {
    data: { format: 'csv' },
    header: { Accept: 'text/csv, application/json' },
    responseType: 'text',
  })
}
