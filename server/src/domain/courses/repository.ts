import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../../db/connect'
import type { CheckinStatus, Database } from '../../db/types'
import { forbidden, notFound } from '../../errors'
import type { Course, CourseDetail, CourseWithSessions, Material, PageOf, Session } from '../../schemas'
import { canManage, canView, managedBy, visibleTo, type Viewer } from '../access'
import { encodeTimeCursor, keysetAfter, listInTwoParts, pageFrom } from '../cursor'
import { toCourse, toMaterialSummary, toSession, type CourseListRow, type CoursePosition } from './mapper'
import { attendanceTally, myAttendance } from './rules'

export const courseNotFound = () => notFound('课程不存在或无权查看')

/** Courses with their branch, the viewer's enrolment, the number of sessions and the next one. */
function selectCourses(db: Kysely<Database>, viewerId: number, now: Date) {
  const at = now.toISOString()
  return db
    .selectFrom('courses as c')
    .leftJoin('branches as b', 'b.id', 'c.branch_id')
    .leftJoin('course_enrolments as e', (join) =>
      join.onRef('e.course_id', '=', 'c.id').on('e.user_id', '=', viewerId),
    )
    .select((eb) => [
      'c.id',
      'c.title',
      'c.kind',
      'c.description',
      'c.branch_id',
      'b.name as branch_name',
      'c.capacity',
      'c.enrolled_count',
      'c.starts_at',
      'c.ends_at',
      'c.created_by',
      'c.enrolment_open',
      'e.user_id as my_enrolment',
      'e.created_at as enrolled_at',
      eb
        .selectFrom('course_sessions as s')
        .select((sub) => sub.fn.countAll<number | string>().as('n'))
        .whereRef('s.course_id', '=', 'c.id')
        .where('s.cancelled_at', 'is', null)
        .as('session_count'),
      eb
        .selectFrom('course_sessions as s')
        .select((sub) => sub.fn.min('s.starts_at').as('next'))
        .whereRef('s.course_id', '=', 'c.id')
        .where('s.ends_at', '>=', at)
        .where('s.cancelled_at', 'is', null)
        .as('next_session_at'),
    ])
}

/** Which courses a list holds: what the viewer may see, what they organise, or what they enrolled in. */
export type CourseFilter = 'visible' | 'managed' | 'enrolled'

/** Running and coming courses first (soonest first), then finished ones (latest first). */
async function listCourseRows(
  db: Kysely<Database>,
  viewer: Viewer,
  page: { limit: number; after: CoursePosition | null; filter: CourseFilter },
  now: Date,
): Promise<{ rows: CourseListRow[]; nextCursor: string | null }> {
  const at = now.toISOString()
  const { filter } = page
  const rows = await listInTwoParts(
    ['current', 'past'],
    page.after,
    page.limit,
    async (which, after, take) => {
      const current = which === 'current'
      const key = current ? 'c.starts_at' : 'c.ends_at'
      const direction = current ? 'asc' : 'desc'
      const found = await selectCourses(db, viewer.id, now)
        .where(filter === 'managed' ? managedBy(viewer, 'c.branch_id') : visibleTo(viewer, 'c.branch_id'))
        .$if(filter === 'enrolled', (q) => q.where('e.user_id', 'is not', null))
        .where('c.ends_at', current ? '>=' : '<', at)
        .$if(after !== null, (q) => q.where(keysetAfter(key, 'c.id', after!, direction)))
        .orderBy(key, direction)
        .orderBy('c.id', direction)
        .limit(take)
        .execute()
      return found as CourseListRow[]
    },
  )
  const { items, nextCursor } = pageFrom(
    rows,
    page.limit,
    ({ row }) => row,
    ({ part, row }) =>
      encodeTimeCursor({ part, at: part === 'current' ? row.starts_at : row.ends_at, id: row.id }),
  )
  return { rows: items, nextCursor }
}

export async function listCourses(
  db: Kysely<Database>,
  viewer: Viewer,
  page: { limit: number; after: CoursePosition | null; filter: CourseFilter },
  now: Date,
): Promise<PageOf<Course>> {
  const { rows, nextCursor } = await listCourseRows(db, viewer, page, now)
  return { items: rows.map((row) => toCourse(row, viewer, now)), nextCursor }
}

/** The sessions of some courses in time order, each with the viewer's attendance as of `now`. */
async function sessionsOf(
  db: Kysely<Database>,
  viewer: Viewer,
  courses: readonly CourseListRow[],
  now: Date,
): Promise<Map<number, Session[]>> {
  const byCourse = new Map<number, Session[]>(courses.map((course) => [course.id, []]))
  if (courses.length === 0) return byCourse
  const ids = courses.map((course) => course.id)
  const [sessions, records] = await Promise.all([
    db
      .selectFrom('course_sessions')
      .select([
        'id',
        'course_id',
        'starts_at',
        'ends_at',
        'venue',
        'lecturer',
        'cancelled_at',
        'cancel_reason',
      ])
      .where('course_id', 'in', ids)
      .orderBy('starts_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('checkins as k')
      .innerJoin('course_sessions as s', 's.id', 'k.session_id')
      .select(['k.session_id', 'k.status'])
      .where('s.course_id', 'in', ids)
      .where('k.user_id', '=', viewer.id)
      .execute(),
  ])
  const recorded = new Map<number, CheckinStatus>(records.map((row) => [row.session_id, row.status]))
  const enrolledAt = new Map(courses.map((course) => [course.id, course.enrolled_at]))
  for (const session of sessions) {
    const attendance = myAttendance(
      session,
      recorded.get(session.id),
      enrolledAt.get(session.course_id) ?? null,
      now,
    )
    byCourse.get(session.course_id)?.push(toSession(session, attendance, now))
  }
  return byCourse
}

/** 我的课程: the courses the viewer enrolled in, each with every session and their attendance. */
export async function listMyCourses(
  db: Kysely<Database>,
  viewer: Viewer,
  page: { limit: number; after: CoursePosition | null },
  now: Date,
): Promise<PageOf<CourseWithSessions>> {
  const { rows, nextCursor } = await listCourseRows(db, viewer, { ...page, filter: 'enrolled' }, now)
  const sessions = await sessionsOf(db, viewer, rows, now)
  return {
    items: rows.map((row) => {
      const mine = sessions.get(row.id) ?? []
      return { ...toCourse(row, viewer, now), sessions: mine, attendance: attendanceTally(mine) }
    }),
    nextCursor,
  }
}

/** How many courses the viewer is enrolled in (the 我的 summary). */
export async function countMyCourses(db: Kysely<Database>, viewer: Viewer): Promise<number> {
  const row = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .where('e.user_id', '=', viewer.id)
    .where(visibleTo(viewer, 'c.branch_id'))
    .select(sql<number | string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One course with its sessions (and the viewer's attendance of each) and its materials. */
export async function findVisibleCourse(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
): Promise<CourseDetail | undefined> {
  const row = (await selectCourses(db, viewer.id, now)
    .where('c.id', '=', id)
    .where(visibleTo(viewer, 'c.branch_id'))
    .executeTakeFirst()) as CourseListRow | undefined
  if (!row) return undefined
  const [sessions, materials] = await Promise.all([
    sessionsOf(db, viewer, [row], now),
    db
      .selectFrom('materials')
      .select(['id', 'title', 'summary', 'read_minutes'])
      .where('course_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ])
  return {
    ...toCourse(row, viewer, now),
    sessions: sessions.get(row.id) ?? [],
    materials: materials.map(toMaterialSummary),
  }
}

/** The course row for a write; on PostgreSQL its row stays locked until the transaction ends. */
export async function lockCourse(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('id', '=', id)
    .$if(dialectOf(db) === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst()
}

/** A study material, if the viewer may see its course. */
export async function findVisibleMaterial(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<Material | undefined> {
  const row = await db
    .selectFrom('materials as m')
    .innerJoin('courses as c', 'c.id', 'm.course_id')
    .select(['m.id', 'm.course_id', 'm.title', 'm.summary', 'm.body', 'm.read_minutes'])
    .where('m.id', '=', id)
    .where(visibleTo(viewer, 'c.branch_id'))
    .executeTakeFirst()
  return row && { ...toMaterialSummary(row), body: row.body, courseId: row.course_id }
}

/**
 * The course row for an organiser's write, locked on PostgreSQL: 404 when the viewer may not see
 * it, 403 when they only see it.
 */
export async function findManagedCourse(db: Kysely<Database>, viewer: Viewer, id: number) {
  const course = await lockCourse(db, id)
  if (!course || !canView(viewer, { branchId: course.branch_id })) throw courseNotFound()
  if (!canManage(viewer, { branchId: course.branch_id })) {
    throw forbidden('只有课程所在支部的书记或园区管理员可以管理该课程')
  }
  return course
}

export const materialNotFound = () => notFound('学习资料不存在或无权查看')

/** A material with its course's branch, for an organiser's write (same refusals as the course). */
export async function findManagedMaterial(db: Kysely<Database>, viewer: Viewer, id: number) {
  const material = await db
    .selectFrom('materials as m')
    .innerJoin('courses as c', 'c.id', 'm.course_id')
    .select(['m.id', 'm.course_id', 'c.branch_id'])
    .where('m.id', '=', id)
    .executeTakeFirst()
  if (!material || !canView(viewer, { branchId: material.branch_id })) throw materialNotFound()
  await findManagedCourse(db, viewer, material.course_id)
  return material
}
