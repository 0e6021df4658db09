import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { NotificationKind, NotificationObjectType, TemplateKey } from '../../schemas'

/** One thing to tell one member. */
export interface Message {
  userId: number
  kind: NotificationKind
  title: string
  body: string
  /** What it is about: (member, kind, object) is told once. */
  object: { type: NotificationObjectType; id: number }
  /**
   * Tells apart occasions of the same (member, kind, object) that are each worth a message: the
   * signup promoted, the start time a reminder was made for, the moment an event moved.
   */
  occasion?: string | number
  /** The app page it opens (`/packages/event/detail/index?id=3`). */
  link: string | null
  /** The WeChat subscribe message that carries it, when the member accepted that template. */
  wechat?: { template: TemplateKey; data: Record<string, string> }
}

/** (member, kind, object[, occasion]): the key that makes each message once-only. */
export function dedupeKey(message: Pick<Message, 'userId' | 'kind' | 'object' | 'occasion'>): string {
  const base = `${message.kind}:${message.object.type}:${message.object.id}:u${message.userId}`
  return message.occasion === undefined ? base : `${base}:${message.occasion}`
}

/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const CHUNK = 100

/**
 * The one way to tell members something. Runs inside the caller's transaction, so the message
 * lands exactly when the change that caused it commits (and not at all when it rolls back): the
 * in-app notification, and its subscribe message in the outbox for any instance's worker to send.
 * A message whose key was written before is skipped, so retries and re-runs tell no one twice.
 * Returns how many were new.
 */
export async function notify(trx: Kysely<Database>, messages: Message[], now: Date): Promise<number> {
  const at = now.toISOString()
  let written = 0
  for (let i = 0; i < messages.length; i += CHUNK) {
    const chunk = new Map(messages.slice(i, i + CHUNK).map((message) => [dedupeKey(message), message]))
    if (chunk.size === 0) continue
    const inserted = await trx
      .insertInto('notifications')
      .values(
        [...chunk].map(([key, message]) => ({
          user_id: message.userId,
          kind: message.kind,
          title: message.title,
          body: message.body,
          event_id: message.object.type === 'event' ? message.object.id : null,
          link: message.link,
          object_type: message.object.type,
          object_id: message.object.id,
          read_at: null,
          dedupe_key: key,
          created_at: at,
        })),
      )
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .returning(['id', 'dedupe_key'])
      .execute()
    written += inserted.length
    const outbox = inserted.flatMap((row) => {
      const message = chunk.get(row.dedupe_key ?? '')
      if (!message?.wechat) return []
      return [
        {
          notification_id: row.id,
          user_id: message.userId,
          template: message.wechat.template,
          page: (message.link ?? '/pages/me/index').replace(/^\//, ''),
          data: JSON.stringify(
            Object.fromEntries(
              Object.entries(message.wechat.data).map(([field, value]) => [field, { value }]),
            ),
          ),
          status: 'pending' as const,
          due_at: at,
          claimed_until: null,
          last_error: null,
          done_at: null,
          created_at: at,
        },
      ]
    })
    if (outbox.length > 0) await trx.insertInto('notification_outbox').values(outbox).execute()
  }
  return written
}
