import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import { dialectOf } from '../../db/connect'
import { precompiled, type Param } from '../../db/precompiled'
import type { Database, EventRow } from '../../db/types'
import { forbidden, notFound } from '../../errors'
import { LruMap } from '../../lru'
import type { Attendee, CategoryCode, Event, EventDetail, MySignupItem, PageOf } from '../../schemas'
import { canManage, canView, managedBy, visibleTo, type Viewer } from '../access'
import { encodeTimeCursor, keysetAfter, listInTwoParts, pageFrom } from '../cursor'
import { toEvent, toEventDetail, type EventListRow, type EventPosition, type When } from './mapper'
import { MEMBER_COLUMNS, toMemberRef } from '../organisation/mapper'

export const eventNotFound = () => notFound('活动不存在或无权查看')

/** Events as members see them: with the branch, the waitlist size and the viewer's own signup. */
function selectEvents(db: Kysely<Database>, viewerId: number) {
  return (
    db
      .selectFrom('events as e')
      .leftJoin('branches as b', 'b.id', 'e.branch_id')
      // Statuses as literals (not parameters), so SQLite can use the partial unique index here.
      .leftJoin('event_signups as s', (join) =>
        join
          .onRef('s.event_id', '=', 'e.id')
          .on('s.user_id', '=', viewerId)
          .on('s.status', '<>', sql.lit('cancelled')),
      )
      .select((eb) => [
        'e.id',
        'e.title',
        'e.category',
        'e.venue',
        'e.starts_at',
        'e.ends_at',
        'e.capacity',
        'e.confirmed_count',
        'e.signup_deadline',
        'e.cancel_deadline',
        'e.cancelled_at',
        'e.branch_id',
        'b.name as branch_name',
        's.status as my_status',
        eb
          .selectFrom('event_signups as w')
          .select((sub) => sub.fn.countAll<number | string>().as('n'))
          .whereRef('w.event_id', '=', 'e.id')
          .where('w.status', '=', sql.lit('waitlisted'))
          .as('waitlist_count'),
        // Counted only for the viewer's own waitlisted signup.
        eb
          .case()
          .when('s.status', '=', sql.lit('waitlisted'))
          .then(
            eb
              .selectFrom('event_signups as w')
              .select((sub) => sub.fn.countAll<number | string>().as('n'))
              .whereRef('w.event_id', '=', 'e.id')
              .where('w.status', '=', sql.lit('waitlisted'))
              .whereRef('w.waitlist_seq', '<', 's.waitlist_seq'),
          )
          .end()
          .as('my_ahead'),
      ])
  )
}

interface ListShape {
  when: When
  /** Park admins see every event; members park-wide ones, plus their branch's if they have one. */
  visibility: 'all' | 'park' | 'park-and-branch'
  /** Only the events the viewer organises (the 活动管理 list). */
  managed: boolean
  byCategory: boolean
  paged: boolean
  /** Rows to read (the page and one more): written into the SQL, see db/literal-limits. */
  take: number
}

interface ListParams extends Record<string, unknown> {
  viewerId: number
  branchId: number
  at: string
  category: CategoryCode
  afterStartsAt: string
  afterId: number
}

/** Which events a list holds, as one condition on `e` (the events table) alone. */
function listCondition(shape: ListShape, param: Param<ListParams>): RawBuilder<SqlBool> {
  const upcoming = shape.when === 'upcoming'
  // The viewer's branch is a parameter; whether they have one (and are a park admin) is the shape.
  const audience = {
    parkAdmin: shape.visibility === 'all',
    secretary: shape.managed,
    branchId: shape.visibility === 'park-and-branch' ? param('branchId') : null,
  }
  const conditions = [
    shape.managed ? managedBy(audience, 'e.branch_id') : visibleTo(audience, 'e.branch_id'),
    sql<SqlBool>`e.ends_at ${sql.raw(upcoming ? '>=' : '<')} ${param('at')}`,
  ]
  if (shape.byCategory) conditions.push(sql<SqlBool>`e.category = ${param('category')}`)
  if (shape.paged) {
    const after = { at: param('afterStartsAt'), id: param('afterId') }
    conditions.push(keysetAfter('e.starts_at', 'e.id', after, upcoming ? 'asc' : 'desc'))
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`
}

const directionOf = (shape: ListShape) => (shape.when === 'upcoming' ? 'asc' : 'desc')

function buildList(db: Kysely<Database>, shape: ListShape, param: Param<ListParams>) {
  return selectEvents(db, param('viewerId'))
    .select('e.version')
    .where(listCondition(shape, param))
    .orderBy('e.starts_at', directionOf(shape))
    .orderBy('e.id', directionOf(shape))
    .limit(shape.take)
}

/** The same events in the same order with only their ids and versions: no joins, no counts. */
function buildStamps(db: Kysely<Database>, shape: ListShape, param: Param<ListParams>) {
  return db
    .selectFrom('events as e')
    .select(['e.id', 'e.version'])
    .where(listCondition(shape, param))
    .orderBy('e.starts_at', directionOf(shape))
    .orderBy('e.id', directionOf(shape))
    .limit(shape.take)
}

type ListRow = EventListRow & { version: number }
type Stamp = { id: number; version: number }
interface ListQueries {
  rows: (db: Kysely<Database>, values: ListParams) => Promise<ListRow[]>
  /** The same events in the same order, only their ids and versions: whether a page is still the same. */
  stamps: (db: Kysely<Database>, values: ListParams) => Promise<Stamp[]>
}
/** Compiled queries per shape of the list (a few hundred at most: the page size is bounded). */
const listQueries = new Map<string, ListQueries>()

function listQuery(shape: ListShape): ListQueries {
  const key = `${shape.when}/${shape.visibility}/${shape.managed}/${shape.byCategory}/${shape.paged}/${shape.take}`
  let queries = listQueries.get(key)
  if (!queries) {
    queries = {
      rows: precompiled<ListParams, ListRow>((db, param) => buildList(db, shape, param)),
      stamps: precompiled<ListParams, Stamp>((db, param) => buildStamps(db, shape, param)),
    }
    listQueries.set(key, queries)
  }
  return queries
}

export interface EventListFilter {
  when: When
  category: CategoryCode | undefined
  managed: boolean
  limit: number
  after: EventPosition | null
}

/** The queries and values of a list request; null when the list is empty for the viewer whatever the data. */
function listRequest(
  viewer: Viewer,
  filter: EventListFilter,
  now: Date,
): { queries: ListQueries; values: ListParams } | null {
  const { after } = filter
  // Only a secretary with a branch or a park admin organises anything.
  const managed = filter.managed && !viewer.parkAdmin
  if (managed && !viewer.secretary) return null
  const shape: ListShape = {
    when: filter.when,
    visibility: viewer.parkAdmin ? 'all' : viewer.branchId === null ? 'park' : 'park-and-branch',
    managed,
    byCategory: filter.category !== undefined,
    paged: after !== null,
    take: filter.limit + 1,
  }
  const values: ListParams = {
    viewerId: viewer.id,
    branchId: viewer.branchId ?? 0,
    at: now.toISOString(),
    category: filter.category ?? 'other',
    afterStartsAt: after?.at ?? '',
    afterId: after?.id ?? 0,
  }
  return { queries: listQuery(shape), values }
}

function pageOfRows(rows: readonly EventListRow[], viewer: Viewer, filter: EventListFilter, now: Date) {
  return pageFrom(
    rows,
    filter.limit,
    (row) => toEvent(row, viewer, now),
    (row) => encodeTimeCursor({ part: filter.when, at: row.starts_at, id: row.id }),
  )
}

const stampsOf = (rows: readonly Stamp[]) => rows.map((row) => `${row.id}.${row.version}`).join(',')

/**
 * The first moment from `at` on at which a row's status could read otherwise (it closes or ends);
 * before it the same rows show the same. '~' sorts after every ISO time.
 */
function unchangedUntil(rows: readonly EventListRow[], at: string): string {
  let until = '~'
  for (const row of rows) {
    for (const moment of [row.ends_at, row.signup_deadline]) {
      if (moment >= at && moment < until) until = moment
    }
  }
  return until
}

/** Pages kept per process, least recently used dropped first. */
const LIST_ANSWERS_CACHED = 2_000

interface ListAnswer<T> {
  /** The signed-in user it was made for, as read at one version (plugins/auth keeps one object per version). */
  user: object
  stamps: string
  /** When it was made, and the moment it may read otherwise from. */
  at: string
  until: string
  answer: T
}

/**
 * The events list as an answer made once (`render`: the serialised page) and given again while it
 * is the same. Each request still reads, in one small query, which events the page holds now and
 * their versions (migration 0016), so a change made on any instance shows at the next request;
 * what is saved is the joins and counts of the full page and its serialisation. An answer is
 * given again to the same user object only, which any change of the user replaces.
 */
export function eventListAnswers<T>() {
  const answers = new LruMap<string, ListAnswer<T>>(LIST_ANSWERS_CACHED)
  return async (
    db: Kysely<Database>,
    user: object,
    viewer: Viewer,
    filter: EventListFilter,
    now: Date,
    render: (page: PageOf<Event>) => T,
  ): Promise<T> => {
    const request = listRequest(viewer, filter, now)
    if (!request) return render({ items: [], nextCursor: null })
    const { queries, values } = request
    const key = [
      viewer.id,
      filter.when,
      filter.category ?? '',
      filter.managed,
      filter.limit,
      filter.after?.at ?? '',
      filter.after?.id ?? '',
    ].join('|')
    // Left in place while its check runs: the requests arriving meanwhile check it too.
    const known = answers.peek(key)
    if (known && known.user === user && known.at <= values.at && values.at < known.until) {
      if (stampsOf(await queries.stamps(db, values)) === known.stamps) {
        if (answers.peek(key) === known) answers.get(key)
        return known.answer
      }
    }
    const rows = await queries.rows(db, values)
    const answer = render(pageOfRows(rows, viewer, filter, now))
    answers.set(key, {
      user,
      stamps: stampsOf(rows),
      at: values.at,
      until: unchangedUntil(rows, values.at),
      answer,
    })
    return answer
  }
}

/** One event if the viewer may see it; undefined both when it is missing and when it is not theirs. */
export async function findVisibleEvent(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
): Promise<EventDetail | undefined> {
  const row = await selectEvents(db, viewer.id)
    .select('e.description')
    .where('e.id', '=', id)
    .where(visibleTo(viewer, 'e.branch_id'))
    .executeTakeFirst()
  return row && toEventDetail(row, viewer, now)
}

/**
 * Reads an event for a write and, on PostgreSQL, locks its row until the transaction ends. Every
 * write on an event locks the event row first and its signups after, so signups, cancellations and
 * edits of one event run one after another and never deadlock. (SQLite has a single writer.)
 */
export async function lockEvent(db: Kysely<Database>, id: number): Promise<EventRow | undefined> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('id', '=', id)
    .$if(dialectOf(db) === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst()
}

/** The event if the viewer organises it: 404 when they may not even see it, 403 when they only see it. */
export async function findManagedEvent(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  options: { lock: boolean } = { lock: false },
): Promise<EventRow> {
  const event = options.lock
    ? await lockEvent(db, id)
    : await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
  if (!event || !canView(viewer, { branchId: event.branch_id })) throw eventNotFound()
  if (!canManage(viewer, { branchId: event.branch_id })) {
    throw forbidden('只有本支部书记或园区管理员可以管理该活动')
  }
  return event
}

/**
 * The viewer's active signups: upcoming events soonest first, then past ones latest first. The
 * cursor names the part (upcoming or past) and the position in it.
 */
export async function listMySignups(
  db: Kysely<Database>,
  viewer: Viewer,
  page: { limit: number; after: EventPosition | null },
  now: Date,
): Promise<PageOf<MySignupItem>> {
  const at = now.toISOString()
  const rows = await listInTwoParts(['upcoming', 'past'], page.after, page.limit, (when, after, take) => {
    const direction = when === 'upcoming' ? 'asc' : 'desc'
    return selectEvents(db, viewer.id)
      .where('s.user_id', 'is not', null)
      .where('e.ends_at', when === 'upcoming' ? '>=' : '<', at)
      .$if(after !== null, (q) => q.where(keysetAfter('e.starts_at', 'e.id', after!, direction)))
      .orderBy('e.starts_at', direction)
      .orderBy('e.id', direction)
      .limit(take)
      .execute()
  })
  // Every row joined the viewer's signup, so mySignup is always there.
  const found = pageFrom(
    rows,
    page.limit,
    ({ row }) => toEvent(row, viewer, now),
    ({ part, row }) => encodeTimeCursor({ part, at: row.starts_at, id: row.id }),
  )
  return {
    items: found.items.flatMap((event) => (event.mySignup ? [{ event, ...event.mySignup }] : [])),
    nextCursor: found.nextCursor,
  }
}

/** Everyone signed up: confirmed in the order they got their place, then the waitlist in order. */
export async function listAttendees(db: Kysely<Database>, eventId: number): Promise<Attendee[]> {
  const rows = await db
    .selectFrom('event_signups as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('branches as b', 'b.id', 'u.branch_id')
    .select([
      's.status',
      's.created_at',
      's.confirmed_at',
      's.checked_in_at',
      's.waitlist_seq',
      's.id',
      ...MEMBER_COLUMNS,
    ])
    .where('s.event_id', '=', eventId)
    .where('s.status', '<>', 'cancelled')
    .orderBy(sql`case when ${sql.ref('s.status')} = 'confirmed' then 0 else 1 end`)
    .orderBy(sql`coalesce(${sql.ref('s.confirmed_at')}, '')`)
    // Without a waitlist ticket first: NULLs sort first on SQLite but last on PostgreSQL.
    .orderBy(sql`coalesce(${sql.ref('s.waitlist_seq')}, 0)`)
    .orderBy('s.id')
    .execute()

  let waitlisted = 0
  return rows.map((row): Attendee => {
    const status = row.status === 'confirmed' ? 'confirmed' : 'waitlisted'
    return {
      member: toMemberRef(row),
      status,
      ...(status === 'waitlisted' ? { position: ++waitlisted } : {}),
      signedUpAt: row.created_at,
      ...(row.checked_in_at !== null ? { checkedInAt: row.checked_in_at } : {}),
    }
  })
}

/** My signups to events that have not ended: how many have a place and how many wait. */
export async function countMySignups(
  db: Kysely<Database>,
  viewer: Viewer,
  now: Date,
): Promise<{ confirmed: number; waitlisted: number }> {
  const rows = await db
    .selectFrom('event_signups as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('s.user_id', '=', viewer.id)
    .where('s.status', 'in', ['confirmed', 'waitlisted'])
    .where('e.ends_at', '>=', now.toISOString())
    .where('e.cancelled_at', 'is', null)
    .groupBy('s.status')
    .execute()
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0)
  return { confirmed: count('confirmed'), waitlisted: count('waitlisted') }
}
