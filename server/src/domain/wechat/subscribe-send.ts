import { forgetAccessToken, getAccessToken, type AccessTokenSettings } from './access-token'
import { postJson } from './post-json'

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
const TOKEN_ERRCODES = new Set([40001, 40014, 42001])

/** Sends one subscribe message (`POST /cgi-bin/message/subscribe/send`). */
export async function sendSubscribeMessage(
  settings: AccessTokenSettings,
  message: SubscribeMessage,
  options: { miniprogramState?: 'developer' | 'trial' | 'formal' } = {},
): Promise<SendOutcome> {
  let token: string
  try {
    token = await getAccessToken(settings)
  } catch (error) {
    return { ok: false, retry: true, error: `access token: ${(error as Error).message}` }
  }
  try {
    const answer = await postJson(
      `${settings.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
      {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: message.data,
        miniprogram_state: options.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      },
    )
    const code = Number(answer.errcode ?? 0)
    if (code === 0) return { ok: true }
    const error = `errcode ${code}: ${String(answer.errmsg ?? '').slice(0, 200)}`
    if (TOKEN_ERRCODES.has(code)) {
      forgetAccessToken(settings, token)
      return { ok: false, retry: true, error }
    }
    return { ok: false, retry: !FINAL_ERRCODES.has(code), error }
  } catch (error) {
    return { ok: false, retry: true, error: (error as Error).message.slice(0, 300) }
  }
}
