import { validationFailed } from '../../errors'
import type { CurrentUser } from '../users/mapper'

/** Who is looking at courses, and what they may organise. */
export interface CourseViewer {
  id: number
  branchId: number | null
  parkAdmin: boolean
  secretary: boolean
}

export function courseViewerOf(user: CurrentUser): CourseViewer {
  return {
    id: user.id,
    branchId: user.branch?.id ?? null,
    parkAdmin: user.roles.includes('park_admin'),
    secretary: user.roles.includes('secretary'),
  }
}

/** Park-wide courses and the viewer's own branch's; park admins see every course. */
export function canViewCourse(viewer: CourseViewer, courseBranchId: number | null): boolean {
  return viewer.parkAdmin || courseBranchId === null || courseBranchId === viewer.branchId
}

/**
 * Organisers: a park admin for every course, the secretary of the course's branch, and whoever
 * created the course. A park-wide course has no branch secretary, so other secretaries may not run it.
 */
export function canManageCourse(
  viewer: CourseViewer,
  course: { branch_id: number | null; created_by: number },
): boolean {
  if (viewer.parkAdmin || course.created_by === viewer.id) return true
  return viewer.secretary && course.branch_id !== null && course.branch_id === viewer.branchId
}

/** An ISO time from the client, normalised to UTC with milliseconds (`…T06:00:00.000Z`). */
export function normaliseTime(value: string, field: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw validationFailed(`body/${field} 格式不正确`)
  return new Date(ms).toISOString()
}

export function trimmed(value: string, field: string): string {
  const text = value.trim()
  if (text === '') throw validationFailed(`body/${field} 不能为空`)
  return text
}
