import type { CourseWithSessionsPage, MeSummary } from '../../types/api'
import { request } from './request'

export const PAGE_SIZE = 20

/** Everything 我的 shows besides the profile: points, signups, courses, the health package, my tools. */
export function summary(): Promise<MeSummary> {
  return request<MeSummary>('/api/me/summary')
}

/** 我的课程: the courses I enrolled in, each with its sessions and my attendance. */
export function myCourses(cursor?: string | null): Promise<CourseWithSessionsPage> {
  return request<CourseWithSessionsPage>('/api/me/courses', {
    data: { limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}
