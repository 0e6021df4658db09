import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { EnrolResult } from '../../schemas'
import { canView, type Viewer } from '../access'
import { courseNotFound, lockCourse } from './repository'
import { courseStatus } from './rules'

/**
 * Enrols the viewer. The enrolment's primary key refuses a second one; the place is taken by a
 * guarded update (`enrolled_count < capacity`), never by counting first, so a course is never
 * overfilled under any concurrency. Runs inside the caller's transaction: a refusal rolls back both.
 */
export async function enrol(
  trx: Kysely<Database>,
  viewer: Viewer,
  courseId: number,
  now: Date,
): Promise<EnrolResult> {
  const course = await lockCourse(trx, courseId)
  if (!course || !canView(viewer, { branchId: course.branch_id })) throw courseNotFound()
  const status = courseStatus(course, now)
  if (status === 'ended') throw new AppError(422, 'COURSE_ENDED', '课程已结束,无法报名')
  if (status === 'closed') throw new AppError(422, 'ENROLMENT_CLOSED', '课程暂停报名')

  const inserted = await trx
    .insertInto('course_enrolments')
    .values({ course_id: courseId, user_id: viewer.id, created_at: now.toISOString() })
    .onConflict((conflict) => conflict.columns(['course_id', 'user_id']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError(409, 'ALREADY_ENROLLED', '您已报名该课程')
  }

  const seated = await trx
    .updateTable('courses')
    .set((eb) => ({ enrolled_count: eb('enrolled_count', '+', 1) }))
    .where('id', '=', courseId)
    .whereRef('enrolled_count', '<', 'capacity')
    .returning('enrolled_count')
    .executeTakeFirst()
  if (!seated) throw new AppError(422, 'COURSE_FULL', '课程名额已满')
  return { courseId, status: 'enrolled', enrolledCount: seated.enrolled_count }
}
