import { sql, type Kysely } from 'kysely'
import { importantNotice } from '../notifications/messages'
import { notify } from '../notifications/notify'
import type { Database } from '../../db/types'
import { dialectOf } from '../../db/connect'
import { AppError, forbidden, notFound } from '../../errors'
import type { Announcement, AnnouncementDetail, PageOf, Scope } from '../../schemas'
import { addressedTo, canManage, canView, managedBy, visibleTo, type Viewer } from '../access'
import { pageFrom } from '../cursor'
import {
  SUMMARY_SOURCE_LENGTH,
  encodeFeedCursor,
  toAnnouncement,
  toAnnouncementDetail,
  type FeedPosition,
} from './mapper'

export const noticeNotFound = () => notFound('通知不存在或无权查看')
export const noticeWithdrawn = () => new AppError(404, 'NOTICE_WITHDRAWN', '该通知已撤回')

/**
 * Notices with their branch and whether the viewer has read them. The feed and the unread badge are
 * what is addressed to the viewer (park-wide and their branch's); a single notice opens for anyone
 * who may see it (park admins: every branch's). A withdrawn notice is in none of them.
 */
function selectNotices(db: Kysely<Database>, viewer: Viewer) {
  return db
    .selectFrom('announcements as a')
    .where('a.withdrawn_at', 'is', null)
    .leftJoin('branches as b', 'b.id', 'a.branch_id')
    .leftJoin('announcement_reads as r', (join) =>
      join.onRef('r.announcement_id', '=', 'a.id').on('r.user_id', '=', viewer.id),
    )
    .select([
      'a.id',
      'a.title',
      'a.scope',
      'a.branch_id',
      'b.name as branch_name',
      'a.pinned',
      'a.important',
      'a.published_at',
      'a.edited_at',
      'r.user_id as read_by_viewer',
    ])
}

/** The feed (addressed to the viewer), or with `managed` every notice the viewer organises. */
export async function listAnnouncements(
  db: Kysely<Database>,
  viewer: Viewer,
  page: { limit: number; after: FeedPosition | null; managed?: boolean },
): Promise<PageOf<Announcement>> {
  const { after } = page
  let query = selectNotices(db, viewer)
    .where(page.managed ? managedBy(viewer, 'a.branch_id') : addressedTo(viewer, 'a.branch_id'))
    .select(sql<string>`substr(${sql.ref('a.body')}, 1, ${sql.lit(SUMMARY_SOURCE_LENGTH)})`.as('body_head'))
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('a.pinned', '<', after.pinned),
        eb.and([eb('a.pinned', '=', after.pinned), eb('a.published_at', '<', after.publishedAt)]),
        eb.and([
          eb('a.pinned', '=', after.pinned),
          eb('a.published_at', '=', after.publishedAt),
          eb('a.id', '<', after.id),
        ]),
      ]),
    )
  }
  const rows = await query
    .orderBy('a.pinned', 'desc')
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1)
    .execute()

  return pageFrom(
    rows,
    page.limit,
    (row) => toAnnouncement(row, viewer),
    (row) => encodeFeedCursor({ pinned: row.pinned, publishedAt: row.published_at, id: row.id }),
  )
}

export async function countUnread(db: Kysely<Database>, viewer: Viewer): Promise<number> {
  const row = await db
    .selectFrom('announcements as a')
    .where(addressedTo(viewer, 'a.branch_id'))
    .where('a.withdrawn_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('announcement_reads as r')
            .select('r.user_id')
            .whereRef('r.announcement_id', '=', 'a.id')
            .where('r.user_id', '=', viewer.id),
        ),
      ),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** One announcement if the viewer may see it; undefined both when it is missing and when it is not theirs. */
export async function findVisibleAnnouncement(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<AnnouncementDetail | undefined> {
  const row = await selectNotices(db, viewer)
    .where(visibleTo(viewer, 'a.branch_id'))
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .select(['a.body', 'a.author_id', 'u.name as author_name'])
    .where('a.id', '=', id)
    .executeTakeFirst()
  return row && toAnnouncementDetail(row, viewer)
}

/**
 * Why a notice the viewer asked for is not there: withdrawn (a stale link, said so), or missing
 * and not theirs (404 alike).
 */
export async function missingNotice(db: Kysely<Database>, viewer: Viewer, id: number): Promise<AppError> {
  const row = await db
    .selectFrom('announcements as a')
    .select('a.withdrawn_at')
    .where('a.id', '=', id)
    .where(visibleTo(viewer, 'a.branch_id'))
    .executeTakeFirst()
  return row?.withdrawn_at ? noticeWithdrawn() : noticeNotFound()
}

/**
 * The notice row for an organiser's write, locked on PostgreSQL: 404 when the viewer may not see
 * it (or it was withdrawn), 403 when they only see it.
 */
export async function findManagedNotice(db: Kysely<Database>, viewer: Viewer, id: number) {
  const row = await db
    .selectFrom('announcements')
    .selectAll()
    .where('id', '=', id)
    .$if(dialectOf(db) === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst()
  if (!row || !canView(viewer, { branchId: row.branch_id })) throw noticeNotFound()
  if (row.withdrawn_at) throw noticeWithdrawn()
  if (!canManage(viewer, { branchId: row.branch_id })) {
    throw forbidden('只有通知所在支部的书记或园区管理员可以管理该通知')
  }
  return row
}

/** Records that the user has read the announcement; repeating it changes nothing. */
export async function markRead(
  db: Kysely<Database>,
  announcementId: number,
  userId: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('announcement_reads')
    .values({ announcement_id: announcementId, user_id: userId, read_at: now.toISOString() })
    .onConflict((conflict) => conflict.columns(['announcement_id', 'user_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

export interface NewAnnouncementInput {
  title: string
  body: string
  scope: Scope
  branchId: number | null
  pinned: boolean
  /** Members of its audience are told (消息, and a subscribe message when they accepted one). */
  important: boolean
  authorId: number
}

/** Publishes at once, in the caller's transaction; the author counts as having read it. */
export async function createAnnouncement(
  trx: Kysely<Database>,
  input: NewAnnouncementInput,
  now: Date,
): Promise<number> {
  const publishedAt = now.toISOString()
  const { id } = await trx
    .insertInto('announcements')
    .values({
      scope: input.scope,
      branch_id: input.scope === 'branch' ? input.branchId : null,
      title: input.title,
      body: input.body,
      pinned: input.pinned ? 1 : 0,
      important: input.important ? 1 : 0,
      author_id: input.authorId,
      published_at: publishedAt,
      created_at: publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await markRead(trx, id, input.authorId, now)
  if (input.important) await tellAudience(trx, { id, ...input, publishedAt }, now)
  return id
}

/** An important notice reaches its audience's 消息: everyone for a park notice, the branch's members for a branch one. */
async function tellAudience(
  trx: Kysely<Database>,
  notice: NewAnnouncementInput & { id: number; publishedAt: string },
  now: Date,
): Promise<void> {
  const branch =
    notice.scope === 'branch' && notice.branchId !== null
      ? await trx.selectFrom('branches').select('name').where('id', '=', notice.branchId).executeTakeFirst()
      : undefined
  let audience = trx.selectFrom('users').select('id').where('id', '<>', notice.authorId)
  if (notice.scope === 'branch') audience = audience.where('branch_id', '=', notice.branchId)
  const members = await audience.orderBy('id').execute()
  const facts = {
    id: notice.id,
    title: notice.title,
    published_at: notice.publishedAt,
    from: branch?.name ?? '园区党委',
  }
  await notify(
    trx,
    members.map((member) => importantNotice(facts, member.id)),
    now,
  )
}
