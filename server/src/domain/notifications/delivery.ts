import type { Kysely, Updateable } from 'kysely'
import type { WechatTemplates } from '../../config'
import { dialectOf } from '../../db/connect'
import type { Database, NotificationOutboxTable } from '../../db/types'
import type { TemplateKey } from '../../schemas'
import type { WechatSettings } from '../auth/wechat'
import { sendSubscribeMessage, type SendOutcome, type SubscribeMessage } from '../wechat/subscribe-send'

/*
 * The outbox's delivery: claim due rows (a lease, so a worker that dies loses them), reserve one of
 * the member's accepted subscriptions for the row, send, and mark. At least once: a worker killed
 * after sending but before marking sends again after the lease; one killed before sending (the
 * common case: between claim and send) sends exactly once, with the same reserved subscription.
 */

export interface DeliverySettings {
  wechat: WechatSettings
  templates: WechatTemplates
  /** How long a claim lasts. */
  leaseMs: number
  /** Rows claimed at once. */
  batch: number
  /** Sends in flight at once per instance. */
  concurrency: number
  /** Tries before giving up with a record. */
  maxAttempts: number
  /** The wait after the first failure; doubled each time. */
  backoffMs: number
  /** Called after rows are claimed and before they are sent (a test stops the process here). */
  afterClaim?: (ids: number[]) => Promise<void> | void
  /** Sends one message; WeChat's `subscribe/send` unless a test replaces it. */
  send?: (message: SubscribeMessage) => Promise<SendOutcome>
}

type Claimed = Pick<
  NotificationOutboxTable,
  'notification_id' | 'user_id' | 'template' | 'page' | 'data' | 'claimed_until'
> & { id: number; attempts: number }

export interface DeliveryCounts {
  sent: number
  skipped: number
  retried: number
  failed: number
}

/** Claims up to `batch` due rows; on PostgreSQL rows another instance holds are skipped, not waited for. */
export async function claimDue(
  db: Kysely<Database>,
  now: Date,
  settings: DeliverySettings,
): Promise<Claimed[]> {
  const at = now.toISOString()
  const until = new Date(now.getTime() + settings.leaseMs).toISOString()
  let due = db
    .selectFrom('notification_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('due_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
    .orderBy('due_at')
    .orderBy('id')
    .limit(settings.batch)
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked()
  const rows = await db
    .updateTable('notification_outbox')
    .set((eb) => ({ claimed_until: until, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returning(['id', 'notification_id', 'user_id', 'template', 'page', 'data', 'claimed_until', 'attempts'])
    .execute()
  return rows.sort((a, b) => a.id - b.id)
}

/** Updates the row as long as this worker's claim on it still holds (a lease that ran out is another's). */
async function updateIfOurs(
  db: Kysely<Database>,
  row: Claimed,
  set: Updateable<NotificationOutboxTable>,
): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set(set)
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('claimed_until', '=', row.claimed_until)
    .execute()
}

async function finish(
  db: Kysely<Database>,
  row: Claimed,
  status: 'sent' | 'skipped' | 'failed',
  now: Date,
  error: string | null,
): Promise<void> {
  await updateIfOurs(db, row, { status, done_at: now.toISOString(), last_error: error, claimed_until: null })
}

/**
 * One of the member's unspent acceptances of the template, reserved for this row: the one reserved
 * before (a retry) or the oldest free one. Undefined when they accepted none.
 */
async function reserveSubscription(
  db: Kysely<Database>,
  row: Claimed,
  templateId: string,
): Promise<number | undefined> {
  const held = await db
    .selectFrom('wechat_subscriptions')
    .select('id')
    .where('outbox_id', '=', row.id)
    .executeTakeFirst()
  if (held) return held.id
  const postgres = dialectOf(db) === 'postgres'
  for (let tries = 0; tries < 3; tries++) {
    let free = db
      .selectFrom('wechat_subscriptions')
      .select('id')
      .where('user_id', '=', row.user_id)
      .where('template_id', '=', templateId)
      .where('outbox_id', 'is', null)
      .orderBy('id')
      .limit(1)
    if (postgres) free = free.forUpdate().skipLocked()
    const candidate = await free.executeTakeFirst()
    if (!candidate) return undefined
    const taken = await db
      .updateTable('wechat_subscriptions')
      .set({ outbox_id: row.id })
      .where('id', '=', candidate.id)
      .where('outbox_id', 'is', null)
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) === 1) return candidate.id
  }
  return undefined
}

async function deliverOne(
  db: Kysely<Database>,
  row: Claimed,
  now: Date,
  settings: DeliverySettings,
): Promise<keyof DeliveryCounts> {
  const templateId = settings.templates[row.template as TemplateKey]
  if (!templateId) {
    await finish(db, row, 'skipped', now, '未配置该订阅消息模板,仅站内消息')
    return 'skipped'
  }
  const member = await db
    .selectFrom('users')
    .select('wechat_openid')
    .where('id', '=', row.user_id)
    .executeTakeFirst()
  if (!member?.wechat_openid) {
    await finish(db, row, 'skipped', now, '成员未绑定微信,仅站内消息')
    return 'skipped'
  }
  const subscription = await reserveSubscription(db, row, templateId)
  if (subscription === undefined) {
    await finish(db, row, 'skipped', now, '成员未订阅该消息,仅站内消息')
    return 'skipped'
  }

  const message: SubscribeMessage = {
    touser: member.wechat_openid,
    templateId,
    page: row.page,
    data: JSON.parse(row.data) as SubscribeMessage['data'],
  }
  const outcome = await (settings.send ?? ((m) => sendSubscribeMessage(db, settings.wechat, now, m)))(message)
  const at = now.toISOString()

  if (outcome.ok) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('wechat_subscriptions')
        .set({ used_at: at })
        .where('id', '=', subscription)
        .execute()
      await trx
        .updateTable('notification_outbox')
        .set({ status: 'sent', done_at: at, last_error: null, claimed_until: null })
        .where('id', '=', row.id)
        .execute()
    })
    return 'sent'
  }
  if (outcome.retry && row.attempts < settings.maxAttempts) {
    const wait = settings.backoffMs * 2 ** (row.attempts - 1)
    await updateIfOurs(db, row, {
      due_at: new Date(now.getTime() + wait).toISOString(),
      claimed_until: null,
      last_error: outcome.error.slice(0, 500),
    })
    return 'retried'
  }
  await db.transaction().execute(async (trx) => {
    // WeChat refused the subscription itself (43101 and the like): it is spent. Otherwise it is
    // free again for the member's next message.
    await trx
      .updateTable('wechat_subscriptions')
      .set(outcome.retry ? { outbox_id: null } : { used_at: at })
      .where('id', '=', subscription)
      .execute()
    await finish(trx, row, 'failed', now, `${row.attempts} 次尝试后放弃:${outcome.error}`.slice(0, 500))
  })
  return 'failed'
}

/** Sends the claimed rows, a few at a time. */
export async function deliverClaimed(
  db: Kysely<Database>,
  rows: Claimed[],
  now: Date,
  settings: DeliverySettings,
  counts: DeliveryCounts,
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < rows.length) {
      const row = rows[next++] as Claimed
      counts[await deliverOne(db, row, now, settings)]++
    }
  }
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, rows.length) }, lane))
}
