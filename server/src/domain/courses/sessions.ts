import { CompiledQuery, type Kysely } from 'kysely'
import { dialectOf, type DialectName } from '../../db/connect'
import type { CheckinStatus, Database } from '../../db/types'
import { forbidden, notFound } from '../../errors'
import type { CourseKind, PageOf, SessionDetail, SessionListItem } from '../../schemas'
import { canManage, canView, managedBy, visibleTo, type Viewer } from '../access'
import { LATE_AFTER_MS, openWindowBounds } from '../checkins/rules'
import { encodeTimeCursor, keysetAfter, pageFrom, type TimePosition } from '../cursor'
import { refOf } from '../organisation/mapper'
import { shiftIso } from '../park-time'
import { toSession } from './mapper'
import { myAttendance } from './rules'

export const sessionNotFound = () => notFound('课程场次不存在或无权查看')

/** A session with the course fields the sign-in rules need. */
export interface SessionWithCourse {
  id: number
  course_id: number
  starts_at: string
  ends_at: string
  venue: string
  lecturer: string
  cancelled_at: string | null
  cancel_reason: string | null
  course_title: string
  course_kind: CourseKind
  branch_id: number | null
  branch_name: string | null
  created_by: number
}

function selectSessions(db: Kysely<Database>) {
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
      's.cancelled_at',
      's.cancel_reason',
      'c.title as course_title',
      'c.kind as course_kind',
      'c.branch_id',
      'b.name as branch_name',
      'c.created_by',
    ])
}

/** The SQL of one session by id per dialect: built once, as every sign-in reads a session. */
const sessionSql = new Map<DialectName, string>()

/**
 * A session with its course. Sign-ins run this inside their transaction, where a Kysely query
 * would be rebuilt and recompiled on every call, which costs more than SQLite takes to answer it.
 */
export async function findSession(db: Kysely<Database>, id: number): Promise<SessionWithCourse | undefined> {
  const dialect = dialectOf(db)
  let text = sessionSql.get(dialect)
  if (text === undefined) {
    const compiled = selectSessions(db).where('s.id', '=', id).compile()
    if (compiled.parameters.length !== 1) throw new Error('the session query takes exactly the session id')
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

function toListItem(
  session: SessionWithCourse,
  viewer: Viewer,
  record: CheckinStatus | undefined,
  enrolledAt: string | null,
  now: Date,
): SessionListItem {
  return {
    ...toSession(session, myAttendance(session, record, enrolledAt, now), now),
    courseId: session.course_id,
    courseTitle: session.course_title,
    courseKind: session.course_kind,
    branch: refOf(session.branch_id, session.branch_name),
    lateAfter: shiftIso(session.starts_at, LATE_AFTER_MS),
    canManage: canManage(viewer, { branchId: session.branch_id }),
  }
}

/** The session as the screen and the result page show it, with the viewer's own sign-in. */
export async function sessionDetail(
  db: Kysely<Database>,
  viewer: Viewer,
  session: SessionWithCourse,
  now: Date,
): Promise<SessionDetail> {
  const [record, enrolment, points] = await Promise.all([
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
  const signedIn = record && record.status !== 'leave' ? { ...record, status: record.status } : null
  return {
    ...toListItem(session, viewer, record?.status, enrolment?.created_at ?? null, now),
    myCheckin: signedIn && {
      status: signedIn.status,
      checkedInAt: signedIn.checked_in_at,
      offline: signedIn.offline === 1,
      pointsAwarded: Number(points.total ?? 0),
    },
  }
}

export type SessionWhen = 'upcoming' | 'past'
export type SessionPosition = TimePosition<SessionWhen>

/**
 * Lists of sessions: those of the courses the viewer organises (签到管理: upcoming soonest first,
 * or past latest first), or those they may sign in to right now (the short-code page).
 */
export async function listSessions(
  db: Kysely<Database>,
  viewer: Viewer,
  query: { view: 'managed' | 'open'; when: SessionWhen; limit: number; after: SessionPosition | null },
  now: Date,
): Promise<PageOf<SessionListItem>> {
  const at = now.toISOString()
  const upcoming = query.view === 'open' || query.when === 'upcoming'
  const direction = upcoming ? 'asc' : 'desc'
  const open = openWindowBounds(now)
  const { after } = query
  const rows = await selectSessions(db)
    .leftJoin('checkins as k', (join) =>
      join.onRef('k.session_id', '=', 's.id').on('k.user_id', '=', viewer.id),
    )
    .leftJoin('course_enrolments as e', (join) =>
      join.onRef('e.course_id', '=', 's.course_id').on('e.user_id', '=', viewer.id),
    )
    .select(['k.status as my_record', 'e.created_at as enrolled_at'])
    .$if(query.view === 'managed', (q) =>
      q.where(managedBy(viewer, 'c.branch_id')).where('s.ends_at', upcoming ? '>=' : '<', at),
    )
    .$if(query.view === 'open', (q) =>
      q
        .where(visibleTo(viewer, 'c.branch_id'))
        .where('s.starts_at', '<=', open.startsBy)
        .where('s.ends_at', '>=', open.endsFrom),
    )
    .$if(after !== null, (q) => q.where(keysetAfter('s.starts_at', 's.id', after!, direction)))
    .orderBy('s.starts_at', direction)
    .orderBy('s.id', direction)
    .limit(query.limit + 1)
    .execute()
  return pageFrom(
    rows,
    query.limit,
    ({ my_record, enrolled_at, ...session }) =>
      toListItem(session, viewer, my_record ?? undefined, enrolled_at, now),
    (row) => encodeTimeCursor({ part: upcoming ? 'upcoming' : 'past', at: row.starts_at, id: row.id }),
  )
}
