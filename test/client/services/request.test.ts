import Taro from '@tarojs/taro'
import { ApiError, request } from '@/services/request'
import { getSession, saveSession } from '@/stores/session'
import { fakeApi, offline } from '../fake-fetch'
import { member } from '../fixtures'

describe('request wrapper', () => {
  let reLaunch: jest.SpyInstance

  beforeEach(() => {
    reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('resolves with the JSON body', async () => {
    fakeApi({ 'GET /api/health': { status: 200, body: { status: 'ok' } } })
    await expect(request('/api/health')).resolves.toEqual({ status: 'ok' })
  })

  it('turns the error envelope into an ApiError with status, code and message', async () => {
    fakeApi({
      'POST /api/announcements': {
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: '标题不能为空（title）' } },
      },
    })
    const error = await request('/api/announcements', { method: 'POST', data: { title: '' } }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '标题不能为空（title）' })
  })

  it('gives a Chinese message when the server answers without an envelope', async () => {
    fakeApi({ 'GET /api/me': { status: 502, body: '<html>Bad Gateway</html>' } })
    await expect(request('/api/me')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: '服务暂时不可用，请稍后重试',
    })
  })

  it('reports a failed connection as NETWORK_ERROR', async () => {
    offline()
    await expect(request('/api/me')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: '网络不给力，请稍后重试',
    })
  })

  it('sends the bearer token of the session and JSON bodies', async () => {
    saveSession('token-abc', member)
    const calls = fakeApi({ 'POST /api/auth/demo-login': { status: 200, body: {} } })
    await request('/api/auth/demo-login', { method: 'POST', data: { userId: 7 } })
    expect(calls[0].headers.Authorization).toBe('Bearer token-abc')
    expect(calls[0].headers['Content-Type']).toBe('application/json')
    expect(calls[0].body).toEqual({ userId: 7 })
  })

  it('puts GET data in the query and leaves out empty values', async () => {
    const calls = fakeApi({
      'GET /api/announcements': { status: 200, body: { items: [], nextCursor: null } },
    })
    await request('/api/announcements', { data: { limit: 20, cursor: undefined } })
    expect(calls[0].url).toBe('/api/announcements?limit=20')
  })

  it('does not send a token when there is no session', async () => {
    const calls = fakeApi({ 'GET /api/auth/demo-users': { status: 200, body: [] } })
    await request('/api/auth/demo-users')
    expect(calls[0].headers.Authorization).toBeUndefined()
  })

  it('on 401 clears the session and sends the user to the login page', async () => {
    saveSession('expired', member)
    fakeApi({
      'GET /api/me': { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } },
    })
    await expect(request('/api/me')).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: '请先登录',
    })
    expect(getSession()).toBeNull()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })
})

describe('request wrapper, text answers', () => {
  it('resolves a text answer as is and still reads the error envelope', async () => {
    saveSession('token-abc', member)
    fakeApi({
      'GET /api/export': { status: 200, body: 'a,b' },
      'GET /api/forbidden': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '只有组织者可以导出' } },
      },
    })
    // The fake serialises bodies as JSON text, so the raw text of 'a,b' is "\"a,b\"".
    await expect(request('/api/export', { responseType: 'text' })).resolves.toBe('"a,b"')
    await expect(request('/api/forbidden', { responseType: 'text' })).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: '只有组织者可以导出',
    })
  })
})
