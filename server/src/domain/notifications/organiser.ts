import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { formatParkTime } from '../park-time'
import { notify } from './repository'

/*
 * What organisers' tools tell members, written as in-app notifications in the caller's
 * transaction. Every organiser-tool notification goes through here, so a delivery channel added
 * later (subscribe messages) has one place to hook in.
 */

/** 提醒未读: each unread reader of a notice is asked to read it. */
export async function notifyUnreadOfNotice(
  trx: Kysely<Database>,
  notice: { id: number; title: string },
  userIds: readonly number[],
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  await notify(
    trx,
    userIds.map((userId) => ({
      user_id: userId,
      kind: 'notice_reminder' as const,
      title: '通知提醒',
      body: `您有一条通知尚未阅读:「${notice.title}」,请在首页查看。`,
      event_id: null,
      created_at: at,
    })),
  )
}

/** A session was cancelled: its course's members are told, with the organiser's reason. */
export async function notifySessionCancelled(
  trx: Kysely<Database>,
  session: { course_title: string; starts_at: string; venue: string },
  reason: string,
  userIds: readonly number[],
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  await notify(
    trx,
    userIds.map((userId) => ({
      user_id: userId,
      kind: 'session_cancelled' as const,
      title: '培训取消通知',
      body: `课程「${session.course_title}」${formatParkTime(session.starts_at)}(${session.venue})的课已取消。原因:${reason}`,
      event_id: null,
      created_at: at,
    })),
  )
}
