import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { forbidden, validationFailed } from '../../errors'
import type { CourseCreate } from '../../schemas'
import { branchExists } from '../announcements/repository'
import { normaliseTime, trimmed, type CourseViewer } from './rules'

/**
 * Which branch a new course belongs to: a park admin may organise park-wide (branchId omitted or
 * null) or for any branch; a secretary only for their own branch, which is also the default.
 */
async function resolveCourseBranch(
  db: Kysely<Database>,
  viewer: CourseViewer,
  branchId: number | null | undefined,
): Promise<number | null> {
  if (viewer.parkAdmin) {
    if (branchId === undefined || branchId === null) return null
    if (!(await branchExists(db, branchId))) throw validationFailed('body/branchId 对应的支部不存在')
    return branchId
  }
  if (!viewer.secretary || viewer.branchId === null) throw forbidden('只有支部书记或园区管理员可以创建课程')
  if (branchId === null) throw forbidden('只有园区管理员可以创建园区课程')
  if (branchId !== undefined && branchId !== viewer.branchId) throw forbidden('只能为本支部创建课程')
  return viewer.branchId
}

/** Creates a course with its sessions (in time order) and returns its id. */
export async function createCourse(
  trx: Kysely<Database>,
  viewer: CourseViewer,
  input: CourseCreate,
  now: Date,
): Promise<number> {
  const title = trimmed(input.title, 'title')
  const at = now.toISOString()
  const sessions = input.sessions
    .map((session, i) => {
      const startsAt = normaliseTime(session.startsAt, `sessions/${i}/startsAt`)
      const endsAt = normaliseTime(session.endsAt, `sessions/${i}/endsAt`)
      if (endsAt <= startsAt) throw validationFailed(`body/sessions/${i}/endsAt 必须晚于开始时间 startsAt`)
      if (endsAt <= at) throw validationFailed(`body/sessions/${i}/endsAt 不能早于当前时间`)
      return {
        starts_at: startsAt,
        ends_at: endsAt,
        venue: trimmed(session.venue, `sessions/${i}/venue`),
        lecturer: trimmed(session.lecturer, `sessions/${i}/lecturer`),
      }
    })
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  const branchId = await resolveCourseBranch(trx, viewer, input.branchId)

  const { id } = await trx
    .insertInto('courses')
    .values({
      title,
      kind: input.kind ?? 'training',
      description: input.description.trim(),
      branch_id: branchId,
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
  await trx
    .insertInto('course_sessions')
    .values(sessions.map((session) => ({ ...session, course_id: id })))
    .execute()
  return id
}
