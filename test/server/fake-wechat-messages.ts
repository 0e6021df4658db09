import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SentMessage {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
}

/**
 * Stands in for WeChat's server API on loopback: `stable_token` hands out one token, and
 * `message/subscribe/send` records each message. `failNext(n, errcode)` answers the next n sends
 * with a WeChat error; `failAll` answers every send so.
 */
export function fakeWechatMessages() {
  const sent: SentMessage[] = []
  const tokenRequests: unknown[] = []
  const state = { failures: 0, errcode: -1, failAll: false, refused: 0 }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      if (url.pathname === '/cgi-bin/stable_token') {
        tokenRequests.push(JSON.parse(body))
        response.end(JSON.stringify({ access_token: 'fake-access-token', expires_in: 7200 }))
        return
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        if (url.searchParams.get('access_token') !== 'fake-access-token') {
          response.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
          return
        }
        if (state.failAll || state.failures > 0) {
          state.failures = Math.max(0, state.failures - 1)
          state.refused++
          response.end(JSON.stringify({ errcode: state.errcode, errmsg: 'system error' }))
          return
        }
        sent.push(JSON.parse(body) as SentMessage)
        response.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
        return
      }
      response.writeHead(404).end()
    })
  })
  return {
    sent,
    tokenRequests,
    state,
    failNext(count: number, errcode = -1) {
      state.failures = count
      state.errcode = errcode
    },
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export const TEMPLATE_ENV = {
  WECHAT_APPID: 'wx-test-app',
  WECHAT_SECRET: 'wx-test-secret',
  WECHAT_TEMPLATE_WAITLIST: 'tpl-waitlist',
  WECHAT_TEMPLATE_EVENT_CHANGE: 'tpl-event-change',
  WECHAT_TEMPLATE_EVENT_REMINDER: 'tpl-event-reminder',
  WECHAT_TEMPLATE_SESSION_REMINDER: 'tpl-session-reminder',
  WECHAT_TEMPLATE_NOTICE: 'tpl-notice',
  WECHAT_TEMPLATE_JOIN_RESULT: 'tpl-join-result',
}
