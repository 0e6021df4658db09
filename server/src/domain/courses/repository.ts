import { CompiledQuery, type Kysely } from 'kysely'
import { dialectOf, type DialectName } from '../../db/connect'
import type { CheckinStatus, Database } from '../../db/types'
import { forbidden, notFound } from '../../errors'
import type { Course, CourseDetail, Material, PageOf, SessionDetail } from '../../schemas'
import { canManage, canView, visibleTo, type Viewer } from '../access'
import { CHECKIN_OPENS_BEFORE_MS, LATE_AFTER_MS } from '../checkins/rules'
import { shiftIso } from '../park-time'
import {
  encodeCourseCursor,
  toCourse,
  toMaterialSummary,
  toSession,
  type CourseListRow,
  type CoursePart,
  type CoursePosition,
} from './mapper'
import { myAttendance } from './rules'

export const courseNotFound = () => notFound('课程不存在或无权查看')
export const sessionNotFound = () => notFound('课程场次不存在或无权查看')

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
      'e.user_id as my_enrolment',
      'e.created_at as enrolled_at',
      eb
        .selectFrom('course_sessions as s')
        .select((sub) => sub.fn.countAll<number | string>().as('n'))
        .whereRef('s.course_id', '=', 'c.id')
        .as('session_count'),
      eb
        .selectFrom('course_sessions as s')
        .select((sub) => sub.fn.min('s.starts_at').as('next'))
        .whereRef('s.course_id', '=', 'c.id')
        .where('s.ends_at', '>=', at)
        .as('next_session_at'),
    ])
}

/** Running and coming courses first (soonest first), then finished ones (latest first). */
export async function listCourses(
  db: Kysely<Database>,
  viewer: Viewer,
  page: { limit: number; after: CoursePosition | null },
  now: Date,
): Promise<PageOf<Course>> {
  const at = now.toISOString()
  const part = async (which: CoursePart, after: CoursePosition | null, limit: number) => {
    const current = which === 'current'
    const key = current ? 'c.starts_at' : 'c.ends_at'
    const direction = current ? 'asc' : 'desc'
    const beyond = current ? '>' : '<'
    let query = selectCourses(db, viewer.id, now)
      .where(visibleTo(viewer, 'c.branch_id'))
      .where('c.ends_at', current ? '>=' : '<', at)
    if (after) {
      query = query.where((eb) =>
        eb.or([eb(key, beyond, after.at), eb.and([eb(key, '=', after.at), eb('c.id', beyond, after.id)])]),
      )
    }
    const rows = await query.orderBy(key, direction).orderBy('c.id', direction).limit(limit).execute()
    return rows.map((row) => ({ part: which, row }))
  }

  const { after, limit } = page
  const rows = after?.part === 'past' ? [] : await part('current', after, limit + 1)
  if (rows.length <= limit) {
    rows.push(...(await part('past', after?.part === 'past' ? after : null, limit + 1 - rows.length)))
  }
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  const nextCursor =
    rows.length > limit && last
      ? encodeCourseCursor({
          part: last.part,
          at: last.part === 'current' ? last.row.starts_at : last.row.ends_at,
          id: last.row.id,
        })
      : null
  return { items: items.map(({ row }) => toCourse(row as CourseListRow, viewer)), nextCursor }
}

async function findCourseRow(db: Kysely<Database>, viewer: Viewer, id: number, now: Date) {
  const row = await selectCourses(db, viewer.id, now)
    .where('c.id', '=', id)
    .where(visibleTo(viewer, 'c.branch_id'))
    .executeTakeFirst()
  return row as CourseListRow | undefined
}

/** One course with its sessions (and the viewer's attendance of each) and its materials. */
export async function findVisibleCourse(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
): Promise<CourseDetail | undefined> {
  const row = await findCourseRow(db, viewer, id, now)
  if (!row) return undefined
  const [sessions, checkins, materials] = await Promise.all([
    db
      .selectFrom('course_sessions')
      .select(['id', 'starts_at', 'ends_at', 'venue', 'lecturer'])
      .where('course_id', '=', id)
      .orderBy('starts_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('checkins as k')
      .innerJoin('course_sessions as s', 's.id', 'k.session_id')
      .select(['k.session_id', 'k.status'])
      .where('s.course_id', '=', id)
      .where('k.user_id', '=', viewer.id)
      .execute(),
    db
      .selectFrom('materials')
      .select(['id', 'title', 'summary', 'read_minutes'])
      .where('course_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ])
  const attended = new Map<number, CheckinStatus>(
    checkins.map((checkin) => [checkin.session_id, checkin.status]),
  )
  return {
    ...toCourse(row, viewer),
    sessions: sessions.map((session) =>
      toSession(session, myAttendance(session, attended.get(session.id), row.enrolled_at, now)),
    ),
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

/** A session with the course fields the sign-in rules need. */
export interface SessionWithCourse {
  id: number
  course_id: number
  starts_at: string
  ends_at: string
  venue: string
  lecturer: string
  course_title: string
  course_kind: 'training' | 'study'
  branch_id: number | null
  branch_name: string | null
  created_by: number
}

function selectSession(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('course_sessions as s')
    .innerJoin('courses as c', 'c.id', 's.course_id')
    .leftJoin('branches as b', 'b.id', 'c.branch_id')
    .select([
      's.id',
      's.course_id',
      's.starts_at',
      's.ends_at',
      's.venue',
      's.lecturer',
      'c.title as course_title',
      'c.kind as course_kind',
      'c.branch_id',
      'b.name as branch_name',
      'c.created_by',
    ])
    .where('s.id', '=', id)
}

/** The SQL of selectSession per dialect: built once, as every sign-in reads a session. */
const sessionSql = new Map<DialectName, string>()

/**
 * A session with its course. Sign-ins run this inside their transaction, where a Kysely query
 * would be rebuilt and recompiled on every call, which costs more than SQLite takes to answer it.
 */
export async function findSession(db: Kysely<Database>, id: number): Promise<SessionWithCourse | undefined> {
  const dialect = dialectOf(db)
  let text = sessionSql.get(dialect)
  if (text === undefined) {
    const compiled = selectSession(db, id).compile()
    if (compiled.parameters.length !== 1) throw new Error('selectSession takes exactly the session id')
    text = compiled.sql
    sessionSql.set(dialect, text)
  }
  const result = await db.executeQuery<SessionWithCourse>(CompiledQuery.raw(text, [id]))
  return result.rows[0]
}

/** The session if the viewer may see its course; undefined both when it is missing and when it is not theirs. */
export async function findVisibleSession(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<SessionWithCourse | undefined> {
  const session = await findSession(db, id)
  return session && canView(viewer, { branchId: session.branch_id }) ? session : undefined
}

/** The session if the viewer organises its course: 404 when they may not see it, 403 when they only see it. */
export async function findManagedSession(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<SessionWithCourse> {
  const session = await findVisibleSession(db, viewer, id)
  if (!session) throw sessionNotFound()
  if (!canManage(viewer, { branchId: session.branch_id })) {
    throw forbidden('只有课程所在支部的书记或园区管理员可以管理该场次')
  }
  return session
}

/** The session as the screen and the result page show it. */
export async function sessionDetail(
  db: Kysely<Database>,
  viewer: Viewer,
  session: SessionWithCourse,
  now: Date,
): Promise<SessionDetail> {
  const [checkin, enrolment, points] = await Promise.all([
    db
      .selectFrom('checkins')
      .select(['status', 'checked_in_at', 'offline'])
      .where('session_id', '=', session.id)
      .where('user_id', '=', viewer.id)
      .executeTakeFirst(),
    db
      .selectFrom('course_enrolments')
      .select('created_at')
      .where('course_id', '=', session.course_id)
      .where('user_id', '=', viewer.id)
      .executeTakeFirst(),
    db
      .selectFrom('points_ledger')
      .select((eb) => eb.fn.sum<number | string | null>('delta').as('total'))
      .where('user_id', '=', viewer.id)
      .where('object_type', '=', 'session')
      .where('object_id', '=', session.id)
      .executeTakeFirstOrThrow(),
  ])
  const signedIn = checkin && checkin.status !== 'leave' ? { ...checkin, status: checkin.status } : null
  return {
    ...toSession(session, myAttendance(session, checkin?.status, enrolment?.created_at ?? null, now)),
    courseId: session.course_id,
    courseTitle: session.course_title,
    courseKind: session.course_kind,
    branch:
      session.branch_id !== null && session.branch_name !== null
        ? { id: session.branch_id, name: session.branch_name }
        : null,
    checkinOpensAt: shiftIso(session.starts_at, -CHECKIN_OPENS_BEFORE_MS),
    lateAfter: shiftIso(session.starts_at, LATE_AFTER_MS),
    canManage: canManage(viewer, { branchId: session.branch_id }),
    myCheckin: signedIn && {
      status: signedIn.status,
      checkedInAt: signedIn.checked_in_at,
      offline: signedIn.offline === 1,
      pointsAwarded: Number(points.total ?? 0),
    },
  }
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
