import { AppError } from '../../errors'
import { MAX_ANSWER_BYTES, readCapped, TIMEOUT_MS, type WechatSettings } from '../auth/wechat'

/** What every WeChat server API answers besides its own fields. */
export interface WechatAnswer {
  errcode?: number
  errmsg?: string
}

export const wechatUnavailable = (options?: ErrorOptions) =>
  new AppError(502, 'WECHAT_UNAVAILABLE', '暂时无法连接微信服务,请稍后再试', options)

/** The app id and secret, or 503 WECHAT_NOT_CONFIGURED. */
export function credentialsOf(settings: WechatSettings): { appid: string; secret: string } {
  if (!settings.appid || !settings.secret) {
    throw new AppError(503, 'WECHAT_NOT_CONFIGURED', '微信服务尚未配置,请使用邀请码加入')
  }
  return { appid: settings.appid, secret: settings.secret }
}

/**
 * POSTs JSON to a WeChat server API at `WECHAT_API_BASE` and returns the answer object, capped in
 * size and time like `jscode2session`. Anything but a JSON object (down, slow, HTTP error, junk)
 * is 502 WECHAT_UNAVAILABLE; an `errcode` is the caller's to judge.
 */
export async function postWechat<T extends WechatAnswer>(
  settings: WechatSettings,
  path: string,
  body: unknown,
  query: Record<string, string> = {},
): Promise<T> {
  const url = new URL(`${settings.apiBase}${path}`)
  url.search = new URLSearchParams(query).toString()
  let parsed: unknown
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    if (!response.ok) {
      await response.body?.cancel()
      throw new Error(`${path} answered HTTP ${response.status}`)
    }
    parsed = JSON.parse(await readCapped(response, MAX_ANSWER_BYTES))
  } catch (error) {
    throw wechatUnavailable({ cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw wechatUnavailable()
  return parsed as T
}
