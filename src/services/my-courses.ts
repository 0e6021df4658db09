import type { Course, CourseDetail } from '../../types/api'
import * as courses from './courses'

/** Enough pages for every course in the park; the list is short (a few courses a term). */
const MAX_PAGES = 10
const PAGE_LIMIT = 50

/** The courses I enrolled in, as the course list shows them (the server marks `enrolled`). */
export async function enrolledCourses(): Promise<Course[]> {
  const enrolled: Course[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await courses.list(cursor, PAGE_LIMIT)
    enrolled.push(...result.items.filter((course) => course.enrolled))
    cursor = result.nextCursor
    if (!cursor) break
  }
  return enrolled
}

/** My courses with their sessions and my attendance at each, in the order of the course list. */
export async function myCoursesWithAttendance(): Promise<CourseDetail[]> {
  const mine = await enrolledCourses()
  return Promise.all(mine.map((course) => courses.detail(course.id)))
}
