import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { WechatSettings } from '../auth/wechat'
import { withAccessToken } from './access-token'
import { postWechat, type WechatAnswer } from './api'

export interface SubscribeMessage {
  touser: string
  templateId: string
  /** A mini-program page, without the leading slash: `packages/event/detail/index?id=3`. */
  page: string
  data: Record<string, { value: string }>
}

/** How a send ended, as the outbox records it. */
export type SendOutcome =
  | { ok: true }
  /** Worth trying again later (network, WeChat busy, a token that expired). */
  | { ok: false; retry: true; error: string }
  /** Will never work (the member's subscription is gone, the template or data is wrong). */
  | { ok: false; retry: false; error: string }

/** WeChat's answers that no retry changes (43101: the member has no subscription left). */
const FINAL_ERRCODES = new Set([40003, 40037, 41030, 43101, 47003])

/**
 * Sends one subscribe message (`POST /cgi-bin/message/subscribe/send`) with the park's shared
 * access token (renewed once when WeChat says it is stale).
 */
export async function sendSubscribeMessage(
  db: Kysely<Database>,
  settings: WechatSettings,
  now: Date,
  message: SubscribeMessage,
  options: { miniprogramState?: 'developer' | 'trial' | 'formal' } = {},
): Promise<SendOutcome> {
  try {
    const answer = await withAccessToken(db, settings, now, (token) =>
      postWechat<WechatAnswer>(
        settings,
        '/cgi-bin/message/subscribe/send',
        {
          touser: message.touser,
          template_id: message.templateId,
          page: message.page,
          data: message.data,
          miniprogram_state: options.miniprogramState ?? 'formal',
          lang: 'zh_CN',
        },
        { access_token: token },
      ),
    )
    const code = Number(answer.errcode ?? 0)
    if (code === 0) return { ok: true }
    const error = `errcode ${code}: ${String(answer.errmsg ?? '').slice(0, 200)}`
    return { ok: false, retry: !FINAL_ERRCODES.has(code), error }
  } catch (error) {
    const detail = error instanceof AppError ? error.code : (error as Error).message
    return { ok: false, retry: true, error: detail.slice(0, 300) }
  }
}
