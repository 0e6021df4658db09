import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { validationFailed } from '../../errors'
import type { CourseCreate } from '../../schemas'
import { branchToActFor, type Viewer } from '../access'
import { isoTime, optionalText, requiredText } from '../input'
import { scheduleSessionReminders } from '../notifications/reminders'

/** Creates a course with its sessions (in time order) and returns its id. */
export async function createCourse(
  trx: Kysely<Database>,
  viewer: Viewer,
  input: CourseCreate,
  now: Date,
): Promise<number> {
  const title = requiredText(input.title, 'title')
  const at = now.toISOString()
  const sessions = input.sessions
    .map((session, i) => {
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
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  const branch = await branchToActFor(trx, viewer, input.branchId, { verb: '创建', noun: '课程' })

  const { id } = await trx
    .insertInto('courses')
    .values({
      title,
      kind: input.kind ?? 'training',
      description: optionalText(input.description) ?? '',
      branch_id: branch?.id ?? null,
      capacity: input.capacity,
      starts_at: sessions[0]?.starts_at ?? at,
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
