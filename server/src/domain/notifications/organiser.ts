import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { formatParkTime } from '../park-time'
import { links } from './messages'
import { notify } from './notify'

/*
 * What organisers' tools tell members, through the one `notify` (in the caller's transaction):
 * in the app's 消息 only, as no subscribe template carries them.
 */

/** 提醒未读: each unread reader of a notice is asked to read it (once per reminder). */
export async function notifyUnreadOfNotice(
  trx: Kysely<Database>,
  notice: { id: number; title: string },
  userIds: readonly number[],
  now: Date,
): Promise<void> {
  await notify(
    trx,
    userIds.map((userId) => ({
      userId,
      kind: 'notice_reminder' as const,
      title: '通知提醒',
      body: `您有一条通知尚未阅读:「${notice.title}」,请在首页查看。`,
      object: { type: 'announcement' as const, id: notice.id },
      occasion: now.toISOString(),
      link: links.notice(notice.id),
    })),
    now,
  )
}

/** A session was cancelled: its course's members are told, with the organiser's reason. */
export async function notifySessionCancelled(
  trx: Kysely<Database>,
  session: { id: number; course_id: number; course_title: string; starts_at: string; venue: string },
  reason: string,
  userIds: readonly number[],
  now: Date,
): Promise<void> {
  await notify(
    trx,
    userIds.map((userId) => ({
      userId,
      kind: 'session_cancelled' as const,
      title: '培训取消通知',
      body: `课程「${session.course_title}」${formatParkTime(session.starts_at)}(${session.venue})的课已取消。原因:${reason}`,
      object: { type: 'session' as const, id: session.id },
      link: `/packages/study/course/index?id=${session.course_id}`,
    })),
    now,
  )
}

/**
 * A session was moved: its course's members are told the old and the new time, once per move (a
 * retried request moves nothing the second time; moving it back and again is another move).
 */
export async function notifySessionMoved(
  trx: Kysely<Database>,
  session: { id: number; course_id: number; course_title: string; venue: string },
  from: { startsAt: string },
  to: { startsAt: string; endsAt: string },
  userIds: readonly number[],
  now: Date,
): Promise<void> {
  await notify(
    trx,
    userIds.map((userId) => ({
      userId,
      kind: 'session_moved' as const,
      title: '培训时间调整',
      body: `课程「${session.course_title}」原定${formatParkTime(from.startsAt)}的课改到${formatParkTime(to.startsAt)}(${session.venue}),请留意新的时间。`,
      object: { type: 'session' as const, id: session.id },
      occasion: `${from.startsAt}>${to.startsAt}@${now.toISOString()}`,
      link: `/packages/study/course/index?id=${session.course_id}`,
    })),
    now,
  )
}
