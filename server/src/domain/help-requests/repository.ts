import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError, forbidden, notFound } from '../../errors'
import {
  HELP_CATEGORY_NAMES,
  type HelpHistoryItem,
  type HelpReply,
  type HelpRequestDetail,
  type HelpRequestListQuery,
  type HelpRequestSummary,
  type HelperSummary,
  type PageOf,
} from '../../schemas'
import type { Viewer } from '../access'
import { decodeCursor, encodeCursor, isId, pageFrom } from '../cursor'
import { listPhotos } from './photo-links'
import { OPEN_STATUSES, actionsFor, isLate, maySee, standingOf } from './rules'

export const helpRequestNotFound = () => notFound('求助不存在或无权查看')

function selectRequests(db: Kysely<Database>) {
  return db
    .selectFrom('help_requests as h')
    .innerJoin('companies as c', 'c.id', 'h.company_id')
    .innerJoin('users as r', 'r.id', 'h.requester_id')
    .leftJoin('users as a', 'a.id', 'h.assignee_id')
    .selectAll('h')
    .select(['c.name as company_name', 'r.name as requester_name', 'a.name as assignee_name'])
}

export type HelpRequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>

function toSummary(row: HelpRequestRow, now: Date): HelpRequestSummary {
  return {
    id: row.id,
    company: { id: row.company_id, name: row.company_name },
    requester: { id: row.requester_id, name: row.requester_name },
    category: row.category,
    categoryName: HELP_CATEGORY_NAMES[row.category],
    title: row.title,
    status: row.status,
    priority: row.priority,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? '' },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    timing: {
      responseDueAt: row.response_due_at,
      firstResponseAt: row.first_response_at,
      responseOverdue: isLate(row.response_due_at, row.first_response_at, now),
      resolutionDueAt: row.resolution_due_at,
      resolvedAt: row.resolved_at,
      resolutionOverdue: isLate(row.resolution_due_at, row.resolved_at ?? row.closed_at, now),
    },
  }
}

/** The list position: priority then id, newest first within each priority. */
function decodeListCursor(cursor: string): { priority: 'high' | 'normal'; id: number } {
  const [priority, id] = decodeCursor(cursor) ?? []
  if ((priority !== 'high' && priority !== 'normal') || !isId(id)) {
    throw new AppError(400, 'VALIDATION_FAILED', 'cursor 无效')
  }
  return { priority, id }
}

/**
 * Requests the viewer may see, high priority (红色服务通道) first, newest first: a member their
 * own, helpers and park admins all of them.
 */
export async function listHelpRequests(
  db: Kysely<Database>,
  viewer: Viewer,
  query: HelpRequestListQuery,
  now: Date,
): Promise<PageOf<HelpRequestSummary>> {
  const limit = query.limit ?? 20
  const seesAll = viewer.parkAdmin || viewer.helper
  let select = selectRequests(db)
  if (!seesAll || query.mine === '1') select = select.where('h.requester_id', '=', viewer.id)
  if (query.assigned === '1') select = select.where('h.assignee_id', '=', viewer.id)
  if (query.status === 'open') select = select.where('h.status', 'in', OPEN_STATUSES)
  else if (query.status) select = select.where('h.status', '=', query.status)
  if (query.cursor) {
    const after = decodeListCursor(query.cursor)
    select = select.where((eb) =>
      eb.or([
        eb('h.priority', '>', after.priority),
        eb.and([eb('h.priority', '=', after.priority), eb('h.id', '<', after.id)]),
      ]),
    )
  }
  const rows = await select
    .orderBy('h.priority', 'asc')
    .orderBy('h.id', 'desc')
    .limit(limit + 1)
    .execute()
  return pageFrom(
    rows,
    limit,
    (row) => toSummary(row, now),
    (row) => encodeCursor([row.priority, row.id]),
  )
}

/** The request when the viewer may see it; 404 otherwise, so its existence is not given away. */
export async function findVisibleHelpRequest(db: Kysely<Database>, viewer: Viewer, id: number) {
  const row = await selectRequests(db).where('h.id', '=', id).executeTakeFirst()
  if (!row || !maySee(standingOf(viewer, row))) throw helpRequestNotFound()
  return row
}

export async function getHelpRequest(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
  /** signs the photos' links */
  photoSecret: string,
): Promise<HelpRequestDetail> {
  const row = await findVisibleHelpRequest(db, viewer, id)
  const [replies, history, rating, photos] = await Promise.all([
    db
      .selectFrom('help_request_replies as p')
      .innerJoin('users as u', 'u.id', 'p.author_id')
      .select(['p.id', 'p.author_id', 'u.name', 'u.roles', 'p.body', 'p.created_at'])
      .where('p.request_id', '=', id)
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('help_request_events as e')
      .innerJoin('users as u', 'u.id', 'e.actor_id')
      .leftJoin('users as a', 'a.id', 'e.assignee_id')
      .select(['e.id', 'e.kind', 'e.from_status', 'e.to_status', 'e.actor_id', 'u.name', 'e.assignee_id'])
      .select(['a.name as assignee_name', 'e.at'])
      .where('e.request_id', '=', id)
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('help_request_ratings')
      .select(['score', 'comment', 'created_at'])
      .where('request_id', '=', id)
      .executeTakeFirst(),
    listPhotos(db, id, photoSecret, now),
  ])
  const sideOf = (authorId: number, roles: string): HelpReply['side'] =>
    authorId === row.requester_id ? 'requester' : roles.split(',').includes('helper') ? 'helper' : 'park'
  return {
    ...toSummary(row, now),
    body: row.body,
    photos,
    replies: replies.map((reply) => ({
      id: reply.id,
      author: { id: reply.author_id, name: reply.name },
      side: sideOf(reply.author_id, reply.roles),
      body: reply.body,
      createdAt: reply.created_at,
    })),
    history: history.map((item): HelpHistoryItem => ({
      id: item.id,
      kind: item.kind,
      fromStatus: item.from_status,
      toStatus: item.to_status,
      actor: { id: item.actor_id, name: item.name },
      assignee: item.assignee_id === null ? null : { id: item.assignee_id, name: item.assignee_name ?? '' },
      at: item.at,
    })),
    rating: rating ? { score: rating.score, comment: rating.comment, createdAt: rating.created_at } : null,
    actions: actionsFor(standingOf(viewer, row), row, rating !== undefined),
  }
}

/** The park's helpers, for the assign picker, with the open requests each holds. */
export async function listHelpers(db: Kysely<Database>, viewer: Viewer): Promise<HelperSummary[]> {
  if (!viewer.parkAdmin) throw forbidden('只有园区管理员可以分派求助')
  const helpers = await db
    .selectFrom('users')
    .select(['id', 'name', 'roles'])
    .where('active', '=', 1)
    .where('roles', 'like', '%helper%')
    .orderBy('id')
    .execute()
  const counts = await db
    .selectFrom('help_requests')
    .select(['assignee_id', db.fn.countAll<number>().as('n')])
    .where('status', 'in', OPEN_STATUSES)
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute()
  const open = new Map(counts.map((row) => [row.assignee_id, Number(row.n)]))
  return helpers
    .filter((user) => user.roles.split(',').includes('helper'))
    .map((user) => ({ id: user.id, name: user.name, openCount: open.get(user.id) ?? 0 }))
}
