import type { Kysely } from 'kysely'
import { TEMPLATE_KEYS, type WechatTemplates } from '../../config'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { SubscriptionTemplates } from '../../schemas'

/** Unspent acceptances kept per member and template: more would never be used. */
export const MAX_UNSPENT = 20

/** The configured templates, with how many of each the member has accepted and not spent yet. */
export async function subscriptionTemplates(
  db: Kysely<Database>,
  userId: number,
  templates: WechatTemplates,
): Promise<SubscriptionTemplates> {
  const configured = TEMPLATE_KEYS.flatMap((key) => {
    const templateId = templates[key]
    return templateId ? [{ key, templateId }] : []
  })
  if (configured.length === 0) return { templates: [] }
  const counts = await db
    .selectFrom('wechat_subscriptions')
    .select(['template_id', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('user_id', '=', userId)
    .where('outbox_id', 'is', null)
    .groupBy('template_id')
    .execute()
  const unspent = new Map(counts.map((row) => [row.template_id, Number(row.count)]))
  return {
    templates: configured.map((template) => ({
      ...template,
      accepted: unspent.get(template.templateId) ?? 0,
    })),
  }
}

/**
 * Records the templates a member accepted in `wx.requestSubscribeMessage`: each is one message the
 * server may send them. Only configured templates, only for members signed in with WeChat.
 */
export async function acceptSubscriptions(
  trx: Kysely<Database>,
  userId: number,
  templateIds: string[],
  templates: WechatTemplates,
  now: Date,
): Promise<SubscriptionTemplates> {
  const member = await trx
    .selectFrom('users')
    .select('wechat_openid')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (!member.wechat_openid) {
    throw new AppError(422, 'WECHAT_NOT_BOUND', '请在微信小程序中登录后再订阅消息')
  }
  const known = new Set(Object.values(templates))
  const unknown = templateIds.find((id) => !known.has(id))
  if (unknown !== undefined) {
    throw new AppError(422, 'UNKNOWN_TEMPLATE', `订阅消息模板 ${unknown} 不可用,请更新小程序后再试`)
  }
  for (const templateId of new Set(templateIds)) {
    const held = await trx
      .selectFrom('wechat_subscriptions')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', userId)
      .where('template_id', '=', templateId)
      .where('outbox_id', 'is', null)
      .executeTakeFirstOrThrow()
    const add = templateIds.filter((id) => id === templateId).length
    const room = Math.max(0, Math.min(add, MAX_UNSPENT - Number(held.count)))
    if (room === 0) continue
    await trx
      .insertInto('wechat_subscriptions')
      .values(
        Array.from({ length: room }, () => ({
          user_id: userId,
          template_id: templateId,
          accepted_at: now.toISOString(),
          outbox_id: null,
          used_at: null,
        })),
      )
      .execute()
  }
  return subscriptionTemplates(trx, userId, templates)
}
