import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DemoUser, LoginResult } from '../../../../server/src/schemas'
import { bearer, databases, startApp, type TestApp } from '../../harness'

const MIB = 1024 * 1024

/**
 * Stands in for api.weixin.qq.com: `good-*` codes map to an openid, a few codes give odd answers
 * (`null`, `42`, a 64 MiB body that `sent` counts), anything else is rejected.
 */
function fakeWechat() {
  const calls: URLSearchParams[] = []
  const sent = { huge: 0 }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname !== '/sns/jscode2session') {
      response.writeHead(404).end()
      return
    }
    calls.push(url.searchParams)
    const code = url.searchParams.get('js_code') ?? ''
    // Like WeChat, answer JSON labelled text/plain.
    response.writeHead(200, { 'content-type': 'text/plain' })
    if (code.startsWith('good-')) {
      response.end(JSON.stringify({ openid: `openid-${code.slice(5)}`, session_key: 'k' }))
    } else if (code === 'broken') {
      response.end('<html>oops</html>')
    } else if (code === 'null' || code === '42' || code === 'array') {
      response.end(code === 'array' ? '[{"openid":"x"}]' : code)
    } else if (code === 'huge') {
      // 64 MiB of one JSON string, written as fast as the client takes it.
      const chunk = Buffer.alloc(MIB, 'x')
      let left = 64
      const write = () => {
        while (left > 0) {
          left--
          sent.huge += chunk.length
          if (!response.write(left === 63 ? Buffer.concat([Buffer.from('{"openid":"'), chunk]) : chunk)) {
            response.once('drain', write)
            return
          }
        }
        response.end('"}')
      }
      response.on('close', () => (left = 0))
      write()
    } else {
      response.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
    }
  })
  return {
    calls,
    sent,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const wechatLogin = (t: TestApp, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code } })

describe.each(databases)('POST /api/auth/wechat on $name', (database) => {
  const wechat = fakeWechat()
  let t: TestApp

  beforeAll(async () => {
    const apiBase = await wechat.start()
    t = await startApp(database, {
      env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: apiBase },
    })
  })
  afterAll(async () => {
    await t.close()
    await wechat.stop()
  })

  it('creates an account not on the roster on the first login and finds the same one afterwards', async () => {
    const first = await wechatLogin(t, 'good-alice')
    expect(first.statusCode).toBe(200)
    const { token, user } = first.json<LoginResult>()
    expect(user).toEqual({
      id: expect.any(Number),
      name: '微信用户',
      roles: [],
      isCeo: false,
      branch: null,
      company: null,
      politicalStatus: 'masses',
      points: { total: 0 },
      onRoster: false,
      phone: null,
      joinRequest: null,
    })
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).json().id).toBe(
      user.id,
    )

    const query = wechat.calls[wechat.calls.length - 1] as URLSearchParams
    expect(Object.fromEntries(query)).toEqual({
      appid: 'wx-test-app',
      secret: 'wx-test-secret',
      js_code: 'good-alice',
      grant_type: 'authorization_code',
    })

    const again = await wechatLogin(t, 'good-alice')
    expect(again.json<LoginResult>().user.id).toBe(user.id)
    const someoneElse = await wechatLogin(t, 'good-bob')
    expect(someoneElse.json<LoginResult>().user.id).not.toBe(user.id)

    // WeChat accounts are not demo accounts.
    const demoUsers = (await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' })).json<DemoUser[]>()
    expect(demoUsers.some((demo) => demo.id === user.id)).toBe(false)
  })

  it('answers 401 WECHAT_LOGIN_FAILED when WeChat rejects the code', async () => {
    const response = await wechatLogin(t, 'expired-code')
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('WECHAT_LOGIN_FAILED')
  })

  it('answers 502 WECHAT_UNAVAILABLE when WeChat answers garbage', async () => {
    const response = await wechatLogin(t, 'broken')
    expect(response.statusCode).toBe(502)
    expect(response.json().error.code).toBe('WECHAT_UNAVAILABLE')
  })

  it('answers 502 WECHAT_UNAVAILABLE when WeChat answers JSON that is not an object', async () => {
    for (const code of ['null', '42', 'array']) {
      const response = await wechatLogin(t, code)
      expect({ code, status: response.statusCode, error: response.json().error.code }).toEqual({
        code,
        status: 502,
        error: 'WECHAT_UNAVAILABLE',
      })
    }
  })

  it('stops reading an oversized WeChat answer early and answers 502', async () => {
    const response = await wechatLogin(t, 'huge')
    expect(response.statusCode).toBe(502)
    expect(response.json().error.code).toBe('WECHAT_UNAVAILABLE')
    // The connection is dropped after the first bytes: far from all 64 MiB is ever sent.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(wechat.sent.huge).toBeLessThan(16 * MIB)
  })

  it('validates the body', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: {} })).statusCode).toBe(
      400,
    )
    expect((await wechatLogin(t, '')).statusCode).toBe(400)
  })
})

describe.each(databases)('WeChat login without WeChat on $name', (database) => {
  it('answers 503 WECHAT_NOT_CONFIGURED without app id and secret', async () => {
    const t = await startApp(database, { seed: false })
    try {
      const response = await wechatLogin(t, 'good-x')
      expect(response.statusCode).toBe(503)
      expect(response.json().error.code).toBe('WECHAT_NOT_CONFIGURED')
    } finally {
      await t.close()
    }
  })

  it('answers 502 WECHAT_UNAVAILABLE when WeChat cannot be reached', async () => {
    const wechat = fakeWechat()
    const apiBase = await wechat.start()
    await wechat.stop() // nothing listens there any more
    const t = await startApp(database, {
      seed: false,
      env: { WECHAT_APPID: 'wx', WECHAT_SECRET: 's', WECHAT_API_BASE: apiBase },
    })
    try {
      const response = await wechatLogin(t, 'good-x')
      expect(response.statusCode).toBe(502)
      expect(response.json().error.code).toBe('WECHAT_UNAVAILABLE')
    } finally {
      await t.close()
    }
  })
})
