import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LoginResult, Me } from '../../../../server/src/schemas'
import { bearer, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

/**
 * Stands in for api.weixin.qq.com: `jscode2session` (`good-<x>` → openid-<x>), `stable_token`
 * (counted, so the cache shows) and `getuserphonenumber` (`phone-<11 digits>` → that number,
 * `expired` → 40029, `stale-once` → 40001 the first time). `down` makes every call fail.
 */
function fakeWechat() {
  const state = { tokenCalls: 0, phoneCalls: 0, down: false, staleOnce: true, lastToken: '' }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (state.down) {
      response.writeHead(503).end('busy')
      return
    }
    let raw = ''
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    request.on('end', () => {
      const json = (value: unknown) => {
        response.writeHead(200, { 'content-type': 'text/plain' })
        response.end(JSON.stringify(value))
      }
      if (url.pathname === '/sns/jscode2session') {
        const code = url.searchParams.get('js_code') ?? ''
        json(code.startsWith('good-') ? { openid: `openid-${code.slice(5)}` } : { errcode: 40029 })
      } else if (url.pathname === '/cgi-bin/stable_token' && request.method === 'POST') {
        state.tokenCalls += 1
        const body = JSON.parse(raw) as { appid?: string; secret?: string; grant_type?: string }
        if (body.appid !== 'wx-test-app' || body.secret !== 'wx-test-secret') return json({ errcode: 40125 })
        state.lastToken = `token-${state.tokenCalls}`
        json({ access_token: state.lastToken, expires_in: 7200 })
      } else if (url.pathname === '/wxa/business/getuserphonenumber' && request.method === 'POST') {
        state.phoneCalls += 1
        if (url.searchParams.get('access_token') !== state.lastToken) return json({ errcode: 40001 })
        const { code = '' } = JSON.parse(raw) as { code?: string }
        if (code === 'stale-once' && state.staleOnce) {
          state.staleOnce = false
          return json({ errcode: 40001, errmsg: 'invalid credential' })
        }
        const match = /^phone-(\d{11})$/.exec(code)
        if (!match) return json({ errcode: 40029, errmsg: 'invalid code' })
        json({
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: match[1], purePhoneNumber: match[1], countryCode: '86' },
        })
      } else {
        response.writeHead(404).end()
      }
    })
  })
  return {
    state,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe.each(databases)('POST /api/me/bind on $name', (database) => {
  const wechat = fakeWechat()
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let counter = 0

  beforeAll(async () => {
    const apiBase = await wechat.start()
    t = await startApp(database, {
      env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: apiBase },
    })
    people = await seededPeople(t.app)
  })
  afterAll(async () => {
    await t.close()
    await wechat.stop()
  })

  /** A fresh WeChat account, not on the roster. */
  const newcomer = async () => {
    counter += 1
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: `good-newcomer-${counter}` },
    })
    expect(response.statusCode).toBe(200)
    const login = response.json<LoginResult>()
    expect(login.user.onRoster).toBe(false)
    return { ...login, openid: `openid-newcomer-${counter}` }
  }
  const bind = (token: string, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/me/bind', headers: bearer(token), payload })
  const phoneOf = async (id: number) =>
    (await t.app.db.selectFrom('users').select('phone').where('id', '=', id).executeTakeFirstOrThrow())
      .phone as string
  const invite = async (memberId: number) => {
    const secretary = people.secretaryOf(
      people.users.find((user) => user.id === memberId)!.branch_id as number,
    )
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/members/${memberId}/invite`,
      headers: tokenFor(t.app, secretary.id),
    })
    expect(response.statusCode).toBe(201)
    return response.json<{ code: string; expiresAt: string }>().code
  }

  it('binds by the verified phone number: the roster entry takes the WeChat account', async () => {
    const member = people.plainMembers[0]!
    const account = await newcomer()
    const response = await bind(account.token, { phoneCode: `phone-${await phoneOf(member.id)}` })
    expect(response.statusCode).toBe(200)
    const { token, user } = response.json<LoginResult>()
    expect(user).toMatchObject({ id: member.id, name: member.name, onRoster: true, roles: ['member'] })
    // The next WeChat login is that member; the empty account's token no longer works.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: `good-newcomer-${counter}` },
    })
    expect(again.json<LoginResult>().user.id).toBe(member.id)
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })
    expect(me.json<Me>().branch?.id).toBe(member.branch_id)
    const old = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(account.token) })
    expect(old.statusCode).toBe(401)
    // And the roster says bound.
    const admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const row = await t.app.inject({ method: 'GET', url: `/api/members/${member.id}`, headers: admin })
    expect(row.json()).toMatchObject({ bound: true })
  })

  it('caches the access token: a second binding asks stable_token nothing', async () => {
    const calls = wechat.state.tokenCalls
    expect(calls).toBeGreaterThan(0)
    const account = await newcomer()
    const response = await bind(account.token, { phoneCode: 'phone-13000000000' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('NOT_ON_ROSTER')
    expect(wechat.state.tokenCalls).toBe(calls)
    const cached = await t.app.db.selectFrom('wechat_tokens').selectAll().execute()
    expect(cached).toHaveLength(1)
    expect(cached[0]!.appid).toBe('wx-test-app')
  })

  it('renews a token WeChat calls stale and tries once more', async () => {
    const account = await newcomer()
    const calls = wechat.state.tokenCalls
    const response = await bind(account.token, { phoneCode: 'stale-once' })
    // The retried code is not a phone code in the fake: refused as invalid, after one renewal.
    expect(response.json().error.code).toBe('PHONE_CODE_INVALID')
    expect(wechat.state.tokenCalls).toBe(calls + 1)
  })

  it('refuses an expired or invalid phone code with 422 PHONE_CODE_INVALID', async () => {
    const account = await newcomer()
    const response = await bind(account.token, { phoneCode: 'expired' })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.code).toBe('PHONE_CODE_INVALID')
  })

  it('answers 502 WECHAT_UNAVAILABLE while WeChat is down, and writes nothing', async () => {
    const account = await newcomer()
    await t.app.db.deleteFrom('wechat_tokens').execute()
    wechat.state.down = true
    try {
      const response = await bind(account.token, {
        phoneCode: `phone-${await phoneOf(people.plainMembers[1]!.id)}`,
      })
      expect(response.statusCode).toBe(502)
      expect(response.json().error.code).toBe('WECHAT_UNAVAILABLE')
    } finally {
      wechat.state.down = false
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(account.token) })
    expect(me.json<Me>().onRoster).toBe(false)
  })

  it('binds by a one-time invite, which then no longer works', async () => {
    const member = people.plainMembers[2]!
    const code = await invite(member.id)
    const first = await newcomer()
    const response = await bind(first.token, { inviteCode: code.toLowerCase() })
    expect(response.statusCode).toBe(200)
    expect(response.json<LoginResult>().user.id).toBe(member.id)
    const second = await newcomer()
    const reused = await bind(second.token, { inviteCode: code })
    expect(reused.statusCode).toBe(422)
    expect(reused.json().error.code).toBe('INVITE_INVALID')
  })

  it('refuses an expired invite, a bound member and someone already on the roster', async () => {
    const member = people.plainMembers[3]!
    const code = await invite(member.id)
    await t.app.db
      .updateTable('invites')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('code', '=', code)
      .execute()
    const account = await newcomer()
    const expired = await bind(account.token, { inviteCode: code })
    expect(expired.json().error.code).toBe('INVITE_INVALID')

    // plainMembers[0] was bound by phone above.
    const bound = await bind(account.token, {
      phoneCode: `phone-${await phoneOf(people.plainMembers[0]!.id)}`,
    })
    expect(bound.statusCode).toBe(409)
    expect(bound.json().error.code).toBe('ALREADY_BOUND')

    const onRoster = await bind(tokenFor(t.app, people.plainMembers[4]!.id).authorization.slice(7), {
      inviteCode: 'ABCDEFGH',
    })
    expect(onRoster.statusCode).toBe(409)
    expect(onRoster.json().error.code).toBe('ALREADY_BOUND')

    const invalid = await bind(account.token, { inviteCode: 'short' })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().error.code).toBe('VALIDATION_FAILED')
  })

  it('signs in on H5 with an invite (no WeChat)', async () => {
    const member = people.plainMembers[5]!
    const code = await invite(member.id)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invite',
      payload: { inviteCode: code },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json<LoginResult>().user.id).toBe(member.id)
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invite',
      payload: { inviteCode: code },
    })
    expect(again.json().error.code).toBe('INVITE_INVALID')
  })
})

describe.each(databases)('POST /api/me/bind without WeChat credentials on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database, { seed: false })
  })
  afterAll(() => t.close())

  it('answers 503 WECHAT_NOT_CONFIGURED for a phone code', async () => {
    const account = await t.app.db
      .insertInto('users')
      .values({
        name: '微信用户',
        wechat_openid: 'openid-x',
        branch_id: null,
        company_id: null,
        political_status: 'masses',
        is_ceo: 0,
        roles: '',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/me/bind',
      headers: tokenFor(t.app, account.id),
      payload: { phoneCode: 'anything' },
    })
    expect(response.statusCode).toBe(503)
    expect(response.json().error.code).toBe('WECHAT_NOT_CONFIGURED')
  })
})
