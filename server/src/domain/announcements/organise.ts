import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { AnnouncementPatch, AnnouncementReaders, ReminderSent } from '../../schemas'
import type { Viewer } from '../access'
import { requiredText } from '../input'
import { notifyUnreadOfNotice } from '../notifications/organiser'
import { refOf } from '../organisation/mapper'
import { HOUR_MS, shiftIso } from '../park-time'
import { findManagedNotice } from './repository'

/*
 * A notice after it is published, in its organiser's hands: corrected (readers see 已编辑 and
 * when), pinned or unpinned, withdrawn (gone from every list; a stale link says so), who has read
 * it, and a reminder to those who have not.
 */

/** Unread readers are reminded at most once an hour. */
export const REMIND_INTERVAL_MS = HOUR_MS

/** Edits title, body or pin. Only a change of the text counts as 已编辑; pinning is not an edit. */
export async function updateNotice(
  trx: Kysely<Database>,
  viewer: Viewer,
  id: number,
  patch: AnnouncementPatch,
  now: Date,
): Promise<void> {
  const notice = await findManagedNotice(trx, viewer, id)
  const title = patch.title !== undefined ? requiredText(patch.title, 'title') : notice.title
  const body = patch.body !== undefined ? requiredText(patch.body, 'body') : notice.body
  const edited = title !== notice.title || body !== notice.body
  await trx
    .updateTable('announcements')
    .set({
      title,
      body,
      ...(patch.pinned !== undefined ? { pinned: patch.pinned ? 1 : 0 } : {}),
      ...(edited ? { edited_at: now.toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute()
}

/** Withdraws a notice: it leaves every list and the unread badge; its link answers NOTICE_WITHDRAWN. */
export async function withdrawNotice(
  trx: Kysely<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
): Promise<string> {
  await findManagedNotice(trx, viewer, id)
  const at = now.toISOString()
  await trx.updateTable('announcements').set({ withdrawn_at: at }).where('id', '=', id).execute()
  return at
}

/** Everyone a notice is addressed to: its branch's members, or every branch's for a park notice. */
function audienceOf(db: Kysely<Database>, notice: { id: number; branch_id: number | null }) {
  return db
    .selectFrom('users as u')
    .innerJoin('branches as b', 'b.id', 'u.branch_id')
    .leftJoin('announcement_reads as r', (join) =>
      join.onRef('r.user_id', '=', 'u.id').on('r.announcement_id', '=', notice.id),
    )
    .$if(notice.branch_id !== null, (q) => q.where('u.branch_id', '=', notice.branch_id!))
    .select(['u.id', 'u.name', 'u.branch_id', 'b.name as branch_name', 'r.read_at'])
}

/** 阅读情况: who has read (earliest first) and who has not, with figures per branch. */
export async function noticeReaders(
  db: Kysely<Database>,
  viewer: Viewer,
  id: number,
): Promise<AnnouncementReaders> {
  const notice = await findManagedNotice(db, viewer, id)
  const rows = await audienceOf(db, notice)
    .orderBy('r.read_at')
    .orderBy(sql`coalesce(${sql.ref('u.branch_id')}, 0)`)
    .orderBy('u.id')
    .execute()
  const member = (row: (typeof rows)[number]) => ({
    id: row.id,
    name: row.name,
    branch: refOf(row.branch_id, row.branch_name),
  })
  const read = rows.filter((row) => row.read_at !== null)
  const unread = rows.filter((row) => row.read_at === null)
  const branches = new Map<number, { branch: { id: number; name: string }; read: number; unread: number }>()
  for (const row of rows) {
    const branchId = row.branch_id!
    const entry = branches.get(branchId) ?? {
      branch: { id: branchId, name: row.branch_name },
      read: 0,
      unread: 0,
    }
    if (row.read_at === null) entry.unread += 1
    else entry.read += 1
    branches.set(branchId, entry)
  }
  return {
    read: read.map((row) => ({ member: member(row), readAt: row.read_at! })),
    unread: unread.map((row) => ({ member: member(row) })),
    readCount: read.length,
    unreadCount: unread.length,
    byBranch: [...branches.values()].sort((a, b) => b.unread - a.unread || a.branch.id - b.branch.id),
    remindedAt: notice.reminded_at,
    remindAgainAt: notice.reminded_at === null ? null : shiftIso(notice.reminded_at, REMIND_INTERVAL_MS),
  }
}

/**
 * 提醒未读: tells every unread reader of the notice, at most once an hour. The hour is held by a
 * guarded update of `reminded_at`, so two organisers pressing at once send one reminder.
 */
export async function remindUnread(
  trx: Kysely<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
): Promise<ReminderSent> {
  const notice = await findManagedNotice(trx, viewer, id)
  const at = now.toISOString()
  const claimed = await trx
    .updateTable('announcements')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', shiftIso(now, -REMIND_INTERVAL_MS))]),
    )
    .executeTakeFirst()
  if (Number(claimed.numUpdatedRows) === 0) {
    throw new AppError(409, 'REMINDED_RECENTLY', '一小时内已提醒过未读成员,请稍后再试')
  }
  const unread = await audienceOf(trx, notice).where('r.read_at', 'is', null).execute()
  await notifyUnreadOfNotice(
    trx,
    notice,
    unread.map((row) => row.id),
    now,
  )
  return { notified: unread.length, remindedAt: at }
}
