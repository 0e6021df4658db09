import type {
  CourseDetail,
  CoursePage,
  EnrolResult,
  Material,
  ReadingClosed,
  ReadingStarted,
  SessionDetail,
  SessionPage,
} from '../../types/api'
import { request } from './request'

export const PAGE_SIZE = 20

/** Park-wide courses and my branch's: running and coming ones first, then finished ones. */
export function list(cursor?: string | null, limit: number = PAGE_SIZE): Promise<CoursePage> {
  return request<CoursePage>('/api/courses', { data: { limit, cursor: cursor || undefined } })
}

/** One course with its sessions (and my attendance at each) and its study materials. */
export function detail(id: number): Promise<CourseDetail> {
  return request<CourseDetail>(`/api/courses/${id}`)
}

/** 报名学习. 409 ALREADY_ENROLLED, 422 COURSE_FULL / COURSE_ENDED. */
export function enroll(id: number): Promise<EnrolResult> {
  return request<EnrolResult>(`/api/courses/${id}/enroll`, { method: 'POST' })
}

/** 签到管理: the sessions of the courses I run, coming (soonest first) or ended (latest first). */
export function managedSessions(when: 'upcoming' | 'past', cursor?: string | null): Promise<SessionPage> {
  return request<SessionPage>('/api/sessions', {
    data: { managed: '1', when, limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}

/** The sessions I may sign in to right now, soonest first (the short-code page). */
export function openSessions(): Promise<SessionPage> {
  return request<SessionPage>('/api/sessions', { data: { open: '1', limit: 50 } })
}

/** One session with its course and sign-in window, for the sign-in screen. */
export function session(id: number): Promise<SessionDetail> {
  return request<SessionDetail>(`/api/sessions/${id}`)
}

/** A study material in full (the article). */
export function material(id: number): Promise<Material> {
  return request<Material>(`/api/materials/${id}`)
}

/** The server starts timing a reading; the client never measures or reports minutes itself. */
export function openReading(materialId: number): Promise<ReadingStarted> {
  return request<ReadingStarted>(`/api/materials/${materialId}/open`, { method: 'POST' })
}

/** Ends a reading: the server answers the minutes it measured and the points they earned. */
export function closeReading(materialId: number, readingId: number): Promise<ReadingClosed> {
  return request<ReadingClosed>(`/api/materials/${materialId}/close`, {
    method: 'POST',
    data: { readingId },
  })
}
