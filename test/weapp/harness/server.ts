// The back end a weapp scenario runs against: the real server, in this process, on a fresh seeded
// SQLite database and a random port, with WECHAT_API_BASE pointing at a fake WeChat on loopback
// that answers jscode2session for the codes the phones' wx.login handed out.
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DemoUser } from '../../../types/api'
import { databases, startApp, type TestApp } from '../../server/harness'
import { buildOrigin } from './build'

const APPID = 'wx-test-appid'
const SECRET = 'wx-test-secret'

/** The subscribe-message templates the server is configured with, by what they carry. */
export const TEMPLATES = {
  waitlist: 'tpl-waitlist',
  event_change: 'tpl-event-change',
  event_reminder: 'tpl-event-reminder',
  session_reminder: 'tpl-session-reminder',
  notice: 'tpl-notice',
  join_result: 'tpl-join-result',
} as const

/**
 * api.weixin.qq.com for codes issued here, each one once as WeChat has it: `jscode2session` (the
 * login code), `stable_token` (the server's access token) and `getuserphonenumber` (the code of the
 * phone-number button); `message/subscribe/send`, whose messages are kept in `sent`.
 */
export class FakeWechat {
  private readonly codes = new Map<string, string>()
  private readonly phoneCodes = new Map<string, string>()
  private readonly tokens = new Set<string>()
  /** Subscribe messages the server sent, as WeChat received them. */
  readonly sent: Array<{
    touser: string
    template_id: string
    page: string
    data: Record<string, { value: string }>
  }> = []
  private server: Server | null = null
  url = ''
  /** How many access tokens the server asked for (it should keep one). */
  tokensIssued = 0

  async start() {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://wechat')
      const answer = (body: object) => {
        response.setHeader(
          'content-type',
          url.pathname.startsWith('/sns/') ? 'text/plain' : 'application/json',
        )
        response.end(JSON.stringify(body))
      }
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        let body: Record<string, unknown> = {}
        try {
          body = chunks.length
            ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
            : {}
        } catch {
          return answer({ errcode: 47001, errmsg: 'data format error' })
        }
        if (url.pathname === '/sns/jscode2session') return this.jscode2session(url.searchParams, answer)
        if (url.pathname === '/cgi-bin/stable_token' && request.method === 'POST') {
          if (body.appid !== APPID || body.secret !== SECRET)
            return answer({ errcode: 40013, errmsg: 'invalid appid' })
          const token = `token-${randomBytes(8).toString('hex')}`
          this.tokens.add(token)
          this.tokensIssued++
          return answer({ access_token: token, expires_in: 7200 })
        }
        if (url.pathname === '/cgi-bin/message/subscribe/send' && request.method === 'POST') {
          if (!this.tokens.has(url.searchParams.get('access_token') ?? '')) {
            return answer({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid' })
          }
          this.sent.push(body as unknown as FakeWechat['sent'][number])
          return answer({ errcode: 0, errmsg: 'ok' })
        }
        if (url.pathname === '/wxa/business/getuserphonenumber' && request.method === 'POST') {
          if (!this.tokens.has(url.searchParams.get('access_token') ?? '')) {
            return answer({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid' })
          }
          const number = this.phoneCodes.get(String(body.code ?? ''))
          if (!number) return answer({ errcode: 40029, errmsg: 'invalid code' })
          this.phoneCodes.delete(String(body.code))
          return answer({
            errcode: 0,
            errmsg: 'ok',
            phone_info: {
              phoneNumber: number,
              purePhoneNumber: number,
              countryCode: '86',
              watermark: { timestamp: Math.floor(Date.now() / 1000), appid: APPID },
            },
          })
        }
        response.statusCode = 404
        answer({ errcode: 404, errmsg: 'not found' })
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  private jscode2session(params: URLSearchParams, answer: (body: object) => void) {
    if (params.get('appid') !== APPID || params.get('secret') !== SECRET) {
      return answer({ errcode: 40013, errmsg: 'invalid appid' })
    }
    const code = params.get('js_code') ?? ''
    const openid = this.codes.get(code)
    if (!openid) return answer({ errcode: 40029, errmsg: 'invalid code' })
    this.codes.delete(code)
    answer({ openid, session_key: randomBytes(16).toString('base64') })
  }

  /** What wx.login hands the app: a fresh code for this WeChat user. */
  issueCode(openid: string): string {
    const code = `code-${randomBytes(8).toString('hex')}`
    this.codes.set(code, openid)
    return code
  }

  /** What the phone-number button hands the app: a fresh code for the account's verified number. */
  issuePhoneCode(phoneNumber: string): string {
    const code = `phone-${randomBytes(8).toString('hex')}`
    this.phoneCodes.set(code, phoneNumber)
    return code
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}

export interface WeappServer {
  /** Where the real server listens. */
  url: string
  /** The origin the build calls, routed to `url`. */
  origin: string
  test: TestApp
  wechat: FakeWechat
  /** Everyone the seed made, as the demo-account list has them (loaded at start). */
  people: DemoUser[]
  /** Calls the API as a seeded person, to pick test data the way a person would pick it on screen. */
  api<T>(person: DemoUser, path: string, init?: { method?: string; body?: unknown }): Promise<T>
  /** Links a WeChat openid to a seeded person, as if they had used the mini-program before. */
  linkWechat(person: DemoUser): Promise<string>
  close(): Promise<void>
}

export async function startWeappServer(): Promise<WeappServer> {
  const origin = buildOrigin()
  const wechat = new FakeWechat()
  await wechat.start()
  const test = await startApp(databases[0], {
    env: {
      WECHAT_APPID: APPID,
      WECHAT_SECRET: SECRET,
      WECHAT_API_BASE: wechat.url,
      ...Object.fromEntries(
        Object.entries(TEMPLATES).map(([key, id]) => [`WECHAT_TEMPLATE_${key.toUpperCase()}`, id]),
      ),
    },
  })
  const url = (await test.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '')
  const people = (await (await fetch(`${url}/api/auth/demo-users`)).json()) as DemoUser[]
  const linked = new Map<number, string>()

  return {
    url,
    origin,
    test,
    wechat,
    people,
    async api<T>(person: DemoUser, path: string, init: { method?: string; body?: unknown } = {}) {
      const response = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${test.app.issueToken(person.id)}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
      if (!response.ok)
        throw new Error(
          `${init.method ?? 'GET'} ${path} as ${person.name}: ${response.status} ${await response.text()}`,
        )
      return (await response.json()) as T
    },
    async linkWechat(person) {
      const known = linked.get(person.id)
      if (known) return known
      const openid = `wx-openid-${person.id}`
      await test.app.db
        .updateTable('users')
        .set({ wechat_openid: openid })
        .where('id', '=', person.id)
        .execute()
      linked.set(person.id, openid)
      return openid
    },
    async close() {
      await test.close()
      await wechat.stop()
    },
  }
}
