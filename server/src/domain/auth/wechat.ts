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

const TIMEOUT_MS = 5000

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

  let answer: Code2SessionAnswer
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
    if (!response.ok) throw new Error(`jscode2session answered HTTP ${response.status}`)
    // WeChat sometimes labels its JSON as text/plain.
    answer = JSON.parse(await response.text()) as Code2SessionAnswer
  } catch (error) {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '暂时无法连接微信服务,请稍后再试', { cause: error })
  }

  if (answer.errcode) {
    throw new AppError(401, 'WECHAT_LOGIN_FAILED', `微信登录失败(${answer.errcode}),请重新进入小程序后再试`)
  }
  if (typeof answer.openid !== 'string' || answer.openid === '') {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信服务返回异常,请稍后再试')
  }
  return { openid: answer.openid }
}
