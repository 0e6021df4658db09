import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError, validationFailed } from '../../errors'
import type { CourseCreate, CoursePatch } from '../../schemas'
import { branchToActFor, type Viewer } from '../access'
import { isoTime, optionalText, requiredText } from '../input'
import { scheduleSessionReminders } from '../notifications/reminders'
import { findManagedCourse } from './repository'
import { weeklySessions, type PlannedSession } from './rules'

/** Sessions listed one by one: each ends after it starts and has not ended yet. */
function listedSessions(input: NonNullable<CourseCreate['sessions']>, now: Date): PlannedSession[] {
  const at = now.toISOString()
  return input.map((session, i) => {
    const startsAt = isoTime(session.startsAt, `sessions/${i}/startsAt`)
    const endsAt = isoTime(session.endsAt, `sessions/${i}/endsAt`)
    if (endsAt <= startsAt) throw validationFailed(`body/sessions/${i}/endsAt 必须晚于开始时间 startsAt`)
    if (endsAt <= at) throw validationFailed(`body/sessions/${i}/endsAt 不能早于当前时间`)
    return {
      starts_at: startsAt,
      ends_at: endsAt,
      venue: requiredText(session.venue, `sessions/${i}/venue`),
      lecturer: requiredText(session.lecturer, `sessions/${i}/lecturer`),
    }
  })
}

/** Creates a course with its sessions (listed, or by a weekly rule) and returns its id. */
export async function createCourse(
  trx: Kysely<Database>,
  viewer: Viewer,
  input: CourseCreate,
  now: Date,
): Promise<number> {
  const title = requiredText(input.title, 'title')
  const at = now.toISOString()
  if ((input.sessions === undefined) === (input.recurrence === undefined)) {
    throw validationFailed('body/sessions 或 body/recurrence 须指定其一')
  }
  const planned = input.sessions
    ? listedSessions(input.sessions, now)
    : weeklySessions(
        input.recurrence!,
        {
          venue: requiredText(input.recurrence!.venue, 'recurrence/venue'),
          lecturer: requiredText(input.recurrence!.lecturer, 'recurrence/lecturer'),
        },
        now,
      )
  const sessions = planned.sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  const branch = await branchToActFor(trx, viewer, input.branchId, { verb: '创建', noun: '课程' })

  const { id } = await trx
    .insertInto('courses')
    .values({
      title,
      kind: input.kind ?? 'training',
      description: optionalText(input.description) ?? '',
      branch_id: branch?.id ?? null,
      capacity: input.capacity,
      enrolment_open: input.enrolmentOpen === false ? 0 : 1,
      starts_at: sessions[0]!.starts_at,
      ends_at: sessions.reduce(
        (latest, session) => (session.ends_at > latest ? session.ends_at : latest),
        at,
      ),
      created_by: viewer.id,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const created = await trx
    .insertInto('course_sessions')
    .values(sessions.map((session) => ({ ...session, course_id: id })))
    .returning(['id', 'starts_at'])
    .execute()
  // Members enrolled by then are reminded 30 minutes before each session.
  await scheduleSessionReminders(trx, created, now)
  return id
}

/** Edits a course its organiser manages. Capacity may not drop below the members enrolled. */
export async function updateCourse(
  trx: Kysely<Database>,
  viewer: Viewer,
  courseId: number,
  patch: CoursePatch,
): Promise<void> {
  const course = await findManagedCourse(trx, viewer, courseId)
  if (patch.capacity !== undefined && patch.capacity < course.enrolled_count) {
    throw new AppError(
      422,
      'CAPACITY_BELOW_ENROLLED',
      `已有 ${course.enrolled_count} 人报名,名额不能少于 ${course.enrolled_count}`,
    )
  }
  await trx
    .updateTable('courses')
    .set({
      ...(patch.title !== undefined ? { title: requiredText(patch.title, 'title') } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.description !== undefined ? { description: optionalText(patch.description) ?? '' } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      ...(patch.enrolmentOpen !== undefined ? { enrolment_open: patch.enrolmentOpen ? 1 : 0 } : {}),
    })
    .where('id', '=', courseId)
    .execute()
}

/**
 * Keeps a course's span (start of its first session, end of its last) in step with the sessions
 * that still take place, after one was added, moved, cancelled or deleted. A course whose every
 * session is cancelled keeps the span it had.
 */
export async function refreshCourseSpan(trx: Kysely<Database>, courseId: number): Promise<void> {
  const span = await trx
    .selectFrom('course_sessions')
    .select((eb) => [eb.fn.min('starts_at').as('starts_at'), eb.fn.max('ends_at').as('ends_at')])
    .where('course_id', '=', courseId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirstOrThrow()
  if (span.starts_at === null || span.ends_at === null) return
  await trx
    .updateTable('courses')
    .set({ starts_at: span.starts_at, ends_at: span.ends_at })
    .where('id', '=', courseId)
    .execute()
}
