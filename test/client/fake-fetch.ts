// The network, faked: Taro.request on H5 calls the global fetch.

export interface FakeResponse {
  status: number
  body?: unknown
}

export interface RecordedCall {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

/** A JSON body as its value; anything else (a CSV upload) as the text sent. */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return body
  }
}

type Handler = (call: RecordedCall) => FakeResponse | Promise<FakeResponse>

function toResponse({ status, body }: FakeResponse) {
  const headers = new Map([['content-type', 'application/json']])
  return {
    ok: status >= 200 && status < 300,
    status,
    headers,
    json: async () => (body === undefined ? null : body),
    text: async () => JSON.stringify(body ?? null),
  }
}

/**
 * Answers requests by `METHOD /path` (query string ignored); unknown routes are a 404 envelope.
 * Returns the list of calls made, newest last.
 */
export function fakeApi(routes: Record<string, FakeResponse | Handler>): RecordedCall[] {
  const calls: RecordedCall[] = []
  const fetchMock = jest.fn(
    async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
      const call: RecordedCall = {
        method: (init.method ?? 'GET').toUpperCase(),
        url,
        headers: init.headers ?? {},
        body: init.body ? parseBody(init.body) : undefined,
      }
      calls.push(call)
      const path = new URL(url, 'http://localhost').pathname
      const route = routes[`${call.method} ${path}`]
      if (!route)
        return toResponse({ status: 404, body: { error: { code: 'NOT_FOUND', message: '接口不存在' } } })
      return toResponse(typeof route === 'function' ? await route(call) : route)
    },
  )
  global.fetch = fetchMock as unknown as typeof fetch
  return calls
}

/** Every request fails before reaching a server (offline, DNS, timeout). */
export function offline() {
  global.fetch = jest.fn(async () => {
    throw new TypeError('Failed to fetch')
  }) as unknown as typeof fetch
}
