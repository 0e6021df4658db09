import type * as RequestModule from '@/services/request'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member } from '../fixtures'

// The request module as the H5 build has it, with the early answers the index page's inline script
// leaves on `window` (a fresh copy: the test setup has already loaded the platform-neutral one).
let request: typeof RequestModule.request
beforeEach(() => {
  jest.resetModules()
  jest.doMock('@/services/early-answers', () => jest.requireActual('@/services/early-answers.h5'))
  ;({ request } = jest.requireActual<typeof RequestModule>('@/services/request'))
})

type Early = { statusCode: number; data: unknown } | null

function leaveEarly(answers: Record<string, Early>, options: { token?: string; at?: number } = {}) {
  ;(window as { __earlyAnswers?: unknown }).__earlyAnswers = {
    token: options.token ?? 'token-abc',
    at: options.at ?? Date.now(),
    answers: Object.fromEntries(
      Object.entries(answers).map(([url, answer]) => [url, Promise.resolve(answer)]),
    ),
  }
}

describe('answers the index page asked for before the app started', () => {
  beforeEach(() => saveSession('token-abc', member))
  afterEach(() => {
    delete (window as { __earlyAnswers?: unknown }).__earlyAnswers
  })

  it('serves the first request of that URL from the early answer, and the next from the server', async () => {
    leaveEarly({ '/api/announcements?limit=20': { statusCode: 200, data: { items: ['early'] } } })
    const calls = fakeApi({ 'GET /api/announcements': { status: 200, body: { items: ['server'] } } })
    await expect(request('/api/announcements', { data: { limit: 20, cursor: undefined } })).resolves.toEqual({
      items: ['early'],
    })
    expect(calls).toHaveLength(0)
    await expect(request('/api/announcements', { data: { limit: 20 } })).resolves.toEqual({
      items: ['server'],
    })
    expect(calls).toHaveLength(1)
  })

  it('treats an early error answer as the server’s own', async () => {
    leaveEarly({
      '/api/announcements/unread-count': {
        statusCode: 503,
        data: { error: { code: 'DB_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } },
      },
    })
    const calls = fakeApi({})
    await expect(request('/api/announcements/unread-count')).rejects.toMatchObject({
      status: 503,
      code: 'DB_UNAVAILABLE',
    })
    expect(calls).toHaveLength(0)
  })

  it('asks the server when the early request failed, was for another session or is too old', async () => {
    const calls = fakeApi({ 'GET /api/me/notifications/unread-count': { status: 200, body: { count: 2 } } })
    leaveEarly({ '/api/me/notifications/unread-count': null })
    await expect(request('/api/me/notifications/unread-count')).resolves.toEqual({ count: 2 })
    leaveEarly(
      { '/api/me/notifications/unread-count': { statusCode: 200, data: { count: 9 } } },
      { token: 'old' },
    )
    await expect(request('/api/me/notifications/unread-count')).resolves.toEqual({ count: 2 })
    leaveEarly(
      { '/api/me/notifications/unread-count': { statusCode: 200, data: { count: 9 } } },
      { at: Date.now() - 60_000 },
    )
    await expect(request('/api/me/notifications/unread-count')).resolves.toEqual({ count: 2 })
    expect(calls).toHaveLength(3)
  })

  it('never answers a request other than a plain GET from it', async () => {
    leaveEarly({ '/api/announcements': { statusCode: 200, data: { id: 1 } } })
    const calls = fakeApi({ 'POST /api/announcements': { status: 201, body: { id: 2 } } })
    await expect(request('/api/announcements', { method: 'POST', data: { title: '通知' } })).resolves.toEqual(
      {
        id: 2,
      },
    )
    expect(calls).toHaveLength(1)
  })
})
