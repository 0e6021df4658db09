import { createHash } from 'node:crypto'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { databases, startApp, type TestApp } from './harness'

describe.each(databases)('app on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database, { seed: false })
  })
  afterAll(() => t.close())

  it('answers unknown API routes with the NOT_FOUND envelope', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } })
    const post = await t.app.inject({ method: 'POST', url: '/api/nothing-here', payload: {} })
    expect(post.statusCode).toBe(404)
    expect(post.json().error.code).toBe('NOT_FOUND')
  })

  it('sends the full security headers on pages and lean ones on JSON answers', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' })
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toContain("img-src 'self' data: blob:")
    expect(csp).toContain("worker-src 'self' blob:")
    expect(csp).not.toContain('upgrade-insecure-requests')

    const json = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(json.headers['x-content-type-options']).toBe('nosniff')
    expect(json.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(json.headers['x-frame-options']).toBeUndefined()
  })

  it('publishes the OpenAPI document generated from the route schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/demo-users',
        '/api/auth/demo-login',
        '/api/auth/wechat',
        '/api/me',
        '/api/announcements',
        '/api/announcements/unread-count',
        '/api/announcements/{id}',
        '/api/events',
        '/api/events/{id}',
        '/api/events/{id}/signup',
        '/api/events/{id}/attendees',
        '/api/categories',
        '/api/me/signups',
        '/api/me/notifications',
        '/api/health-packages',
        '/api/health-packages/{id}/claim',
        '/api/health-packages/redeem',
        '/api/health-packages/{id}/claims',
      ]),
    )
    expect(document.paths['/api/announcements'].post.requestBody).toBeDefined()
    const signup = document.paths['/api/events/{id}/signup'].post
    expect(signup.parameters.some((p: { name: string }) => p.name === 'idempotency-key')).toBe(true)
    expect(Object.keys(signup.responses)).toEqual(expect.arrayContaining(['201', '409', '422']))
    const attendees = document.paths['/api/events/{id}/attendees'].get.responses['200'].content
    expect(Object.keys(attendees)).toEqual(['application/json', 'text/csv'])
    expect(document.components.schemas.ErrorBody).toBeDefined()
  })

  it('serves the browsable API docs', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('swagger-ui')
    const script = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' })
    expect(script.statusCode).toBe(200)
  })

  it('answers malformed or mistyped bodies with 4xx envelopes, never 500', async () => {
    const cases = [
      { headers: { 'content-type': 'application/json' }, payload: '{"userId":' },
      { headers: { 'content-type': 'application/json' }, payload: '' },
      { headers: { 'content-type': 'text/plain' }, payload: 'userId=1' },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'userId=1' },
      {
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ userId: 'x'.repeat(300_000) }),
      },
      { headers: { 'content-type': 'application/json' }, payload: '[1,2,3]' },
      { headers: { 'content-type': 'application/json' }, payload: 'null' },
    ]
    for (const request of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', ...request })
      expect(response.statusCode).toBeGreaterThanOrEqual(400)
      expect(response.statusCode).toBeLessThan(500)
      expect(response.json().error.code).toMatch(/^[A-Z][A-Z0-9_]*$/)
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      headers: { 'content-type': 'application/json' },
      payload: '{"userId":',
    })
    expect(malformed.statusCode).toBe(400)
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ userId: 'x'.repeat(300_000) }),
    })
    expect(tooLarge.statusCode).toBe(413)
    expect(tooLarge.json().error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('accepts a body-less DELETE labelled as JSON, as mini-program clients send it', async () => {
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/nothing-here',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('NOT_FOUND')
    const emptyPost = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      headers: { 'content-type': 'application/json' },
    })
    expect(emptyPost.statusCode).toBe(400)
  })
})

describe('H5 app serving', () => {
  let t: TestApp
  let staticDir: string
  const inlineScript = 'window.__BOOT__ = 1'

  beforeAll(async () => {
    staticDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-h5-'))
    mkdirSync(path.join(staticDir, 'js'))
    writeFileSync(
      path.join(staticDir, 'index.html'),
      `<!doctype html><html><head><script>${inlineScript}</script></head><body><div id="app"></div><script src="/js/app.js"></script></body></html>`,
    )
    writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log("app")')
    t = await startApp(databases[0]!, { seed: false, env: { STATIC_DIR: staticDir } })
  })
  afterAll(async () => {
    await t.close()
    rmSync(staticDir, { recursive: true, force: true })
  })

  it('serves index.html and assets, allowing the inline boot script by hash', async () => {
    const index = await t.app.inject({ method: 'GET', url: '/' })
    expect(index.statusCode).toBe(200)
    expect(index.body).toContain('<div id="app">')
    const hash = createHash('sha256').update(inlineScript).digest('base64')
    expect(String(index.headers['content-security-policy'])).toContain(`'sha256-${hash}'`)
    const asset = await t.app.inject({ method: 'GET', url: '/js/app.js' })
    expect(asset.statusCode).toBe(200)
  })

  it('falls back to index.html for client routes but not for API paths or missing files', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/pages/events/index' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<div id="app">')
    const api = await t.app.inject({ method: 'GET', url: '/api/unknown' })
    expect(api.statusCode).toBe(404)
    expect(api.json().error.code).toBe('NOT_FOUND')
    const missing = await t.app.inject({ method: 'GET', url: '/js/missing.js' })
    expect(missing.statusCode).toBe(404)
  })
})
