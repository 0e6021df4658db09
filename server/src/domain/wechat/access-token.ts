import { postJson } from './post-json'

export interface AccessTokenSettings {
  appid: string | undefined
  secret: string | undefined
  apiBase: string
}

interface Cached {
  token: string
  /** Epoch ms after which it is fetched again (a minute before WeChat's own expiry). */
  refreshAt: number
}

/** One token per app id and API base, per process. */
const cache = new Map<string, Cached>()
const pending = new Map<string, Promise<Cached>>()

const cacheKey = (settings: AccessTokenSettings) => `${settings.apiBase}|${settings.appid ?? ''}`

/**
 * The mini-program's access token from WeChat's `stable_token`, cached per process until shortly
 * before it expires. Several instances may each fetch one: `stable_token` answers them all the
 * same token while it is valid, so one instance never invalidates another's.
 */
export async function getAccessToken(settings: AccessTokenSettings, nowMs = Date.now()): Promise<string> {
  if (!settings.appid || !settings.secret) throw new Error('WECHAT_APPID and WECHAT_SECRET are not set')
  const key = cacheKey(settings)
  const cached = cache.get(key)
  if (cached && cached.refreshAt > nowMs) return cached.token
  let request = pending.get(key)
  if (!request) {
    request = fetchStableToken(settings, nowMs)
    pending.set(key, request)
    void request.then(
      (fresh) => {
        cache.set(key, fresh)
        pending.delete(key)
      },
      () => pending.delete(key),
    )
  }
  return (await request).token
}

/** Drops a token WeChat refused (40001, 42001), so the next call fetches another. */
export function forgetAccessToken(settings: AccessTokenSettings, token: string): void {
  const key = cacheKey(settings)
  if (cache.get(key)?.token === token) cache.delete(key)
}

async function fetchStableToken(settings: AccessTokenSettings, nowMs: number): Promise<Cached> {
  const answer = await postJson(`${settings.apiBase}/cgi-bin/stable_token`, {
    grant_type: 'client_credential',
    appid: settings.appid,
    secret: settings.secret,
    force_refresh: false,
  })
  const token = answer.access_token
  const expiresIn = Number(answer.expires_in ?? 7200)
  if (typeof token !== 'string' || token === '' || token.length > 1024) {
    throw new Error(`stable_token failed: ${answer.errcode ?? '?'} ${answer.errmsg ?? ''}`.trim())
  }
  const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 7200
  return { token, refreshAt: nowMs + Math.max(lifetime - 60, lifetime / 2) * 1000 }
}
