import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { WechatSettings } from '../auth/wechat'
import { credentialsOf, postWechat, wechatUnavailable, type WechatAnswer } from './api'

/*
 * WeChat's server-side access token (`POST /cgi-bin/stable_token`), kept in the database until
 * shortly before it expires, so every instance and every feature (phone binding, subscribe
 * messages) shares one token instead of asking WeChat for its own.
 */

/** A cached token is renewed this long before WeChat says it expires. */
const RENEW_BEFORE_MS = 5 * 60 * 1000

interface StableTokenAnswer extends WechatAnswer {
  access_token?: string
  expires_in?: number
}

/** errcodes meaning "this access token is no longer good": fetch a new one and try once more. */
export const STALE_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001])

/**
 * The access token for the configured app: the cached one while it is good, else a fresh one from
 * `stable_token` (stored for the next caller). `forceRefresh` asks WeChat for a new one after a
 * call said the cached one is stale.
 */
export async function accessToken(
  db: Kysely<Database>,
  settings: WechatSettings,
  now: Date,
  options: { forceRefresh?: boolean } = {},
): Promise<string> {
  const { appid, secret } = credentialsOf(settings)
  if (!options.forceRefresh) {
    const cached = await db
      .selectFrom('wechat_tokens')
      .select(['access_token', 'expires_at'])
      .where('appid', '=', appid)
      .executeTakeFirst()
    if (cached && Date.parse(cached.expires_at) - RENEW_BEFORE_MS > now.getTime()) return cached.access_token
  }
  const answer = await postWechat<StableTokenAnswer>(settings, '/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid,
    secret,
    force_refresh: options.forceRefresh === true,
  })
  const token = answer.access_token
  const expiresIn = answer.expires_in
  if (
    (answer.errcode !== undefined && answer.errcode !== 0) ||
    typeof token !== 'string' ||
    token === '' ||
    token.length > 1024 ||
    typeof expiresIn !== 'number' ||
    !Number.isFinite(expiresIn) ||
    expiresIn <= 0
  ) {
    throw wechatUnavailable()
  }
  const expiresAt = new Date(now.getTime() + Math.min(expiresIn, 7 * 24 * 3600) * 1000).toISOString()
  await db
    .insertInto('wechat_tokens')
    .values({ appid, access_token: token, expires_at: expiresAt })
    .onConflict((conflict) =>
      conflict.column('appid').doUpdateSet({ access_token: token, expires_at: expiresAt }),
    )
    .execute()
  return token
}

/**
 * Calls a WeChat API that takes `?access_token=`, renewing the token once when WeChat says it is
 * stale (expired early, or replaced by another caller's refresh).
 */
export async function withAccessToken<T extends WechatAnswer>(
  db: Kysely<Database>,
  settings: WechatSettings,
  now: Date,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const first = await call(await accessToken(db, settings, now))
  if (first.errcode === undefined || !STALE_TOKEN_ERRCODES.has(first.errcode)) return first
  return call(await accessToken(db, settings, now, { forceRefresh: true }))
}
