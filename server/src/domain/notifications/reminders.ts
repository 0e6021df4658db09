import type { Kysely } from 'kysely'
import { dialectOf } from '../../db/connect'
import type { Database, NotificationScheduleTable } from '../../db/types'
import type { NotificationObjectType } from '../../schemas'
import { DAY_MS, HOUR_MS, MINUTE_MS, shiftIso } from '../park-time'
import { eventReminder, sessionSoon } from './messages'
import { notify, type Message } from './notify'

/*
 * Timed reminders are rows with a due time, made when the event or session is created or moved and
 * dropped when it is cancelled, moved or deleted. When one is due, any instance's worker fans it out
 * (in one transaction) to the members it concerns at that moment. Each row's key names the start
 * it was made for, so moving an event makes new reminders, and moving it back revives the old ones.
 */

export type ReminderKind = 'event_tomorrow' | 'event_soon' | 'session_soon'

/** How long before the start each reminder is due. */
export const REMINDER_LEAD_MS: Record<ReminderKind, number> = {
  event_tomorrow: DAY_MS,
  event_soon: HOUR_MS,
  session_soon: 30 * MINUTE_MS,
}

const KINDS_OF: Record<'event' | 'session', ReminderKind[]> = {
  event: ['event_tomorrow', 'event_soon'],
  session: ['session_soon'],
}

const reminderKey = (kind: ReminderKind, type: string, id: number, startsAt: string) =>
  `${kind}:${type}:${id}:${startsAt}`

/**
 * Makes (or keeps) the reminders of an event or session starting at `startsAt`, drops any made for
 * another start. A reminder whose time has already passed is not made.
 */
async function schedule(
  trx: Kysely<Database>,
  type: 'event' | 'session',
  id: number,
  startsAt: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  const rows = KINDS_OF[type]
    .map((kind) => ({ kind, due_at: shiftIso(startsAt, -REMINDER_LEAD_MS[kind]) }))
    .filter((row) => row.due_at > at)
    .map((row) => ({
      ...row,
      object_type: type,
      object_id: id,
      status: 'pending' as const,
      key: reminderKey(row.kind, type, id, startsAt),
      recipients: null,
      created_at: at,
      done_at: null,
    }))
  const keep = rows.map((row) => row.key)
  let drop = trx
    .updateTable('notification_schedule')
    .set({ status: 'dropped', done_at: at })
    .where('object_type', '=', type)
    .where('object_id', '=', id)
    .where('status', '=', 'pending')
  if (keep.length > 0) drop = drop.where('key', 'not in', keep)
  await drop.execute()
  if (rows.length === 0) return
  await trx
    .insertInto('notification_schedule')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .column('key')
        .doUpdateSet({ status: 'pending', done_at: null })
        .where('notification_schedule.status', '=', 'dropped'),
    )
    .execute()
}

/** An event's reminders (tomorrow, in 1 hour) for its current start; none once it is cancelled. */
export async function scheduleEventReminders(
  trx: Kysely<Database>,
  event: { id: number; starts_at: string; cancelled_at: string | null },
  now: Date,
): Promise<void> {
  if (event.cancelled_at !== null) return dropReminders(trx, 'event', event.id, now)
  return schedule(trx, 'event', event.id, event.starts_at, now)
}

/** Sessions' reminders (30 minutes before): call when sessions are created or moved. */
export async function scheduleSessionReminders(
  trx: Kysely<Database>,
  sessions: Array<{ id: number; starts_at: string }>,
  now: Date,
): Promise<void> {
  for (const session of sessions) await schedule(trx, 'session', session.id, session.starts_at, now)
}

/** Drops the pending reminders of an object (an event cancelled, a session deleted). */
export async function dropReminders(
  trx: Kysely<Database>,
  type: NotificationObjectType,
  id: number,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('notification_schedule')
    .set({ status: 'dropped', done_at: now.toISOString() })
    .where('object_type', '=', type)
    .where('object_id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}

type ScheduleRow = Pick<NotificationScheduleTable, 'kind' | 'object_type' | 'object_id'> & { id: number }

/** Who a due reminder tells, and what: the members it concerns now. */
async function reminderMessages(trx: Kysely<Database>, row: ScheduleRow): Promise<Message[]> {
  const kind = row.kind as ReminderKind
  if (row.object_type === 'event') {
    const event = await trx
      .selectFrom('events')
      .select(['id', 'title', 'starts_at', 'venue', 'cancelled_at'])
      .where('id', '=', row.object_id)
      .executeTakeFirst()
    if (!event || event.cancelled_at !== null) return []
    const members = await trx
      .selectFrom('event_signups')
      .select('user_id')
      .where('event_id', '=', event.id)
      .where('status', '=', 'confirmed')
      .orderBy('user_id')
      .execute()
    return members.map((member) =>
      eventReminder(kind as 'event_tomorrow' | 'event_soon', event, member.user_id),
    )
  }
  if (row.object_type === 'session') {
    const session = await trx
      .selectFrom('course_sessions as s')
      .innerJoin('courses as c', 'c.id', 's.course_id')
      .select(['s.id', 's.course_id', 's.starts_at', 's.venue', 'c.title as course_title'])
      .where('s.id', '=', row.object_id)
      .executeTakeFirst()
    if (!session) return []
    const members = await trx
      .selectFrom('course_enrolments as e')
      .select('e.user_id')
      .where('e.course_id', '=', session.course_id)
      // Members on leave (请假) for this session need no reminder.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('checkins as k')
              .select('k.user_id')
              .whereRef('k.user_id', '=', 'e.user_id')
              .where('k.session_id', '=', session.id)
              .where('k.status', '=', 'leave'),
          ),
        ),
      )
      .orderBy('e.user_id')
      .execute()
    return members.map((member) => sessionSoon(session, member.user_id))
  }
  return []
}

/**
 * Fans out due reminders, a few at a time, each batch in one transaction: on PostgreSQL the rows are
 * taken with `FOR UPDATE SKIP LOCKED`, so instances share them; a crash rolls the batch back and
 * the unique keys make the next run harmless. Returns how many reminders were fanned out.
 */
export async function fanOutDueReminders(
  db: Kysely<Database>,
  now: Date,
  options: { batch?: number; shouldStop?: () => boolean } = {},
): Promise<number> {
  const batch = options.batch ?? 10
  const postgres = dialectOf(db) === 'postgres'
  const at = now.toISOString()
  let total = 0
  for (;;) {
    if (options.shouldStop?.()) return total
    const done = await db.transaction().execute(async (trx) => {
      // Taken by an update, so the transaction writes first: on SQLite it holds the one write lock
      // from its first statement, on PostgreSQL rows another instance holds are skipped.
      let due = trx
        .selectFrom('notification_schedule')
        .select('id')
        .where('status', '=', 'pending')
        .where('due_at', '<=', at)
        .orderBy('due_at')
        .orderBy('id')
        .limit(batch)
      if (postgres) due = due.forUpdate().skipLocked()
      const rows = await trx
        .updateTable('notification_schedule')
        .set({ done_at: at })
        .where('id', 'in', due)
        .where('status', '=', 'pending')
        .returning(['id', 'kind', 'object_type', 'object_id'])
        .execute()
      rows.sort((a, b) => a.id - b.id)
      for (const row of rows) {
        const messages = await reminderMessages(trx, row)
        await notify(trx, messages, now)
        await trx
          .updateTable('notification_schedule')
          .set({ status: 'done', done_at: at, recipients: messages.length })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .execute()
      }
      return rows.length
    })
    total += done
    if (done < batch) return total
  }
}
