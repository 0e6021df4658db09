import type {
  CourseCreate,
  CourseDetail,
  CoursePage,
  CoursePatch,
  Deleted,
  EnrolResult,
  Material,
  MaterialCreate,
  MaterialPatch,
  Session,
  SessionPatch,
  SessionsCreated,
  SessionCreate,
  WeeklyRule,
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

/** 课程管理: only the courses I organise (my branch's; every course for a park admin). */
export function managedList(cursor?: string | null): Promise<CoursePage> {
  return request<CoursePage>('/api/courses', {
    data: { managed: '1', limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}

/** A course with its sessions, listed or by a weekly rule (每周三 19:00，共 6 次). */
export function create(input: CourseCreate): Promise<CourseDetail> {
  return request<CourseDetail>('/api/courses', { method: 'POST', data: input })
}

/** 422 CAPACITY_BELOW_ENROLLED when the places would not hold the members enrolled. */
export function update(id: number, patch: CoursePatch): Promise<CourseDetail> {
  return request<CourseDetail>(`/api/courses/${id}`, { method: 'PATCH', data: patch })
}

export function addSession(courseId: number, input: SessionCreate): Promise<Session> {
  return request<Session>(`/api/courses/${courseId}/sessions`, { method: 'POST', data: input })
}

/** Every session of a weekly rule, created by the server in one go. */
export function addWeeklySessions(courseId: number, rule: WeeklyRule): Promise<SessionsCreated> {
  return request<SessionsCreated>(`/api/courses/${courseId}/sessions/weekly`, { method: 'POST', data: rule })
}

/** Moves a session; 409 HAS_ATTENDANCE once anyone is recorded at it. */
export function updateSession(id: number, patch: SessionPatch): Promise<SessionDetail> {
  return request<SessionDetail>(`/api/sessions/${id}`, { method: 'PATCH', data: patch })
}

/** Cancels a session with the reason its members see. */
export function cancelSession(id: number, reason: string): Promise<SessionDetail> {
  return request<SessionDetail>(`/api/sessions/${id}/cancel`, { method: 'POST', data: { reason } })
}

/** 409 HAS_ATTENDANCE: a session anyone attended is kept (cancel it instead). */
export function deleteSession(id: number): Promise<Deleted> {
  return request<Deleted>(`/api/sessions/${id}`, { method: 'DELETE' })
}

export function createMaterial(courseId: number, input: MaterialCreate): Promise<Material> {
  return request<Material>(`/api/courses/${courseId}/materials`, { method: 'POST', data: input })
}

export function updateMaterial(id: number, patch: MaterialPatch): Promise<Material> {
  return request<Material>(`/api/materials/${id}`, { method: 'PATCH', data: patch })
}

export function deleteMaterial(id: number): Promise<Deleted> {
  return request<Deleted>(`/api/materials/${id}`, { method: 'DELETE' })
}
