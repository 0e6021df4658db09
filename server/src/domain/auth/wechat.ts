import { AppError } from '../../errors'

export interface WechatSettings {
  appid: string | undefined
  secret: string | undefined
  apiBase: string
}

interface Code2SessionAnswer {
  openid?: string
  unionid?: string
  errcode?: number
  errmsg?: string
}

/** The whole exchange, body included, must finish within this time. */
export const TIMEOUT_MS = 5000
/** A real answer is a few hundred bytes; anything past this is not read. */
export const MAX_ANSWER_BYTES = 16 * 1024

const unavailable = (options?: ErrorOptions) =>
  new AppError(502, 'WECHAT_UNAVAILABLE', '微信服务返回异常,请稍后再试', options)

/** Reads a response body as text, giving up (and closing the connection) past `limit` bytes. */
export async function readCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > limit || !response.body) {
    await response.body?.cancel()
    throw new Error(`answer too large or empty (${response.headers.get('content-length') ?? 'no body'})`)
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new Error(`answer larger than ${limit} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Exchanges a mini-program login `code` for the user's openid (WeChat `jscode2session`).
 * The session_key is not kept: nothing here decrypts WeChat user data.
 */
export async function code2session(settings: WechatSettings, code: string): Promise<{ openid: string }> {
  if (!settings.appid || !settings.secret) {
    throw new AppError(503, 'WECHAT_NOT_CONFIGURED', '微信登录尚未配置,请使用其他方式登录')
  }
  const url = new URL(`${settings.apiBase}/sns/jscode2session`)
  url.search = new URLSearchParams({
    appid: settings.appid,
    secret: settings.secret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString()

  let parsed: unknown
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
    if (!response.ok) {
      await response.body?.cancel()
      throw new Error(`jscode2session answered HTTP ${response.status}`)
    }
    // WeChat sometimes labels its JSON as text/plain. The timeout covers reading the body too.
    parsed = JSON.parse(await readCapped(response, MAX_ANSWER_BYTES))
  } catch (error) {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '暂时无法连接微信服务,请稍后再试', { cause: error })
  }
  // `null`, a number or an array is not an answer.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unavailable()
  const answer = parsed as Code2SessionAnswer

  if (answer.errcode !== undefined && answer.errcode !== 0) {
    throw new AppError(401, 'WECHAT_LOGIN_FAILED', `微信登录失败(${answer.errcode}),请重新进入小程序后再试`)
  }
  if (typeof answer.openid !== 'string' || answer.openid === '' || answer.openid.length > 128) {
    throw unavailable()
  }
  return { openid: answer.openid }
}
