import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { acceptedEncoding, matchesIfNoneMatch } from '../../server/src/plugins/compress'
import type { EventPage } from '../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from './harness'

const INDEX = `<!doctype html><html><head><title>红e园区</title></head><body><div id="app"></div>${'<!-- padding -->'.repeat(80)}<script src="/js/app.1c3e3afc.js"></script></body></html>`
const SCRIPT = `console.log(${JSON.stringify('红e园区'.repeat(400))})`

/** A build as config/precompress.ts leaves it: every text file beside its .br and .gz copies. */
function writeBuild(dir: string) {
  mkdirSync(path.join(dir, 'js'))
  const files: Record<string, string> = { 'index.html': INDEX, 'js/app.1c3e3afc.js': SCRIPT }
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), text)
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(Buffer.from(text)))
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(Buffer.from(text)))
  }
  writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\n')
}

describe('delivery of the H5 app', () => {
  let t: TestApp
  let staticDir: string

  beforeAll(async () => {
    staticDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-h5-'))
    writeBuild(staticDir)
    t = await startApp(databases[0]!, { seed: false, env: { STATIC_DIR: staticDir } })
  })
  afterAll(async () => {
    await t.close()
    rmSync(staticDir, { recursive: true, force: true })
  })

  it('sends the brotli copy to a browser that accepts it, gzip to one that only takes gzip', async () => {
    const br = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/^text\/html/)
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(INDEX)

    const gzip = await t.app.inject({
      method: 'GET',
      url: '/js/app.1c3e3afc.js',
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gzip.headers['content-type']).toMatch(/javascript/)
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT)

    const plain = await t.app.inject({ method: 'GET', url: '/js/app.1c3e3afc.js' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(SCRIPT)
  })

  it('caches content-hashed files for a year and has index.html revalidated by its ETag', async () => {
    const asset = await t.app.inject({
      method: 'GET',
      url: '/js/app.1c3e3afc.js',
      headers: { 'accept-encoding': 'br' },
    })
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')

    const index = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })
    expect(index.headers['cache-control']).toBe('no-cache')
    const etag = String(index.headers.etag)
    expect(etag).not.toBe('undefined')
    const again = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)

    // A file without a hash in its name may change under the same name.
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' })
    expect(robots.headers['cache-control']).toBe('no-cache')
  })

  it('keeps the page CSP on index.html and sends lean headers with scripts', async () => {
    const index = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(index.headers['x-frame-options']).toBe('SAMEORIGIN')
    const asset = await t.app.inject({ method: 'GET', url: '/js/app.1c3e3afc.js' })
    expect(asset.headers['x-content-type-options']).toBe('nosniff')
    expect(asset.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(asset.headers['referrer-policy']).toBeUndefined()
  })
})

describe('compression of API answers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(databases[0]!)
  })
  afterAll(() => t.close())

  it('compresses a long answer for a phone that accepts it, and not for one that does not', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.rawPayload.length).toBeGreaterThan(1024)

    const br = await t.app.inject({
      method: 'GET',
      url: '/api/auth/demo-users',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json())

    const gzip = await t.app.inject({
      method: 'GET',
      url: '/api/auth/demo-users',
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json())
  })

  it('answers a repeat with the same bytes and ETag, and a bodiless 304 when the phone has them', async () => {
    const ask = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: '/api/auth/demo-users', headers })
    const phone = { 'accept-encoding': 'gzip, deflate, br' }
    const first = await ask(phone)
    const again = await ask(phone)
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(again.headers.etag).toBe(etag)

    const kept = await ask({ ...phone, 'if-none-match': etag })
    expect(kept.statusCode).toBe(304)
    expect(kept.rawPayload.length).toBe(0)
    expect(kept.headers.etag).toBe(etag)
    expect(kept.headers['content-encoding']).toBeUndefined()
    expect(kept.headers['x-content-type-options']).toBe('nosniff')

    // Another encoding is another representation: its own tag, and the brotli one does not match.
    const gzip = await ask({ 'accept-encoding': 'gzip', 'if-none-match': etag })
    expect(gzip.statusCode).toBe(200)
    expect(gzip.headers.etag).not.toBe(etag)
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(
      JSON.parse(brotliDecompressSync(first.rawPayload).toString()),
    )
    const plain = await ask({ 'if-none-match': `"other", ${gzip.headers.etag as string}` })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers.etag).not.toBe(gzip.headers.etag)
  })

  it('gives a changed list a new ETag, so a phone holding the old one gets the new list', async () => {
    const people = await seededPeople(t.app)
    const member = tokenFor(t.app, people.plainMembers[0]!.id)
    const phone = { ...member, 'accept-encoding': 'gzip, deflate, br' }
    const before = await t.app.inject({ method: 'GET', url: '/api/events', headers: phone })
    const list = JSON.parse(brotliDecompressSync(before.rawPayload).toString()) as EventPage
    const open = list.items.find((event) => event.status === 'open' && event.mySignup === null)!
    const signup = await t.app.inject({
      method: 'POST',
      url: `/api/events/${open.id}/signup`,
      headers: member,
    })
    expect(signup.statusCode).toBe(201)

    const after = await t.app.inject({
      method: 'GET',
      url: '/api/events',
      headers: { ...phone, 'if-none-match': before.headers.etag as string },
    })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    const shown = JSON.parse(brotliDecompressSync(after.rawPayload).toString()) as EventPage
    expect(shown.items.find((event) => event.id === open.id)?.mySignup).toEqual({ status: 'confirmed' })
  })

  it('sends no ETag with an answer that must not be stored, nor with an error', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/events' })
    expect(missing.statusCode).toBe(401)
    expect(missing.headers.etag).toBeUndefined()
    const people = await seededPeople(t.app)
    const card = await t.app.inject({
      method: 'GET',
      url: '/api/me/card',
      headers: tokenFor(t.app, people.plainMembers[0]!.id),
    })
    expect(card.statusCode).toBe(200)
    expect(card.headers['cache-control']).toBe('no-store')
    expect(card.headers.etag).toBeUndefined()
  })

  it('sends a short answer as it is', async () => {
    const health = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-encoding': 'br' },
    })
    expect(health.statusCode).toBe(200)
    expect(health.headers['content-encoding']).toBeUndefined()
    expect(health.json()).toEqual(expect.objectContaining({ status: 'ok' }))
  })
})

describe('conditional requests', () => {
  it('matches If-None-Match by the tag, a list of tags, a weak copy of it or *', () => {
    expect(matchesIfNoneMatch(undefined, '"a"')).toBe(false)
    expect(matchesIfNoneMatch('"a"', '"a"')).toBe(true)
    expect(matchesIfNoneMatch('"b", "a"', '"a"')).toBe(true)
    expect(matchesIfNoneMatch('W/"a"', '"a"')).toBe(true)
    expect(matchesIfNoneMatch('*', '"a"')).toBe(true)
    expect(matchesIfNoneMatch('"a-br"', '"a"')).toBe(false)
  })
})

describe('content negotiation', () => {
  it('prefers brotli, falls back to gzip, and honours q=0', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br')
    expect(acceptedEncoding('gzip;q=1.0, br;q=0')).toBe('gzip')
    expect(acceptedEncoding('*')).toBe('gzip')
    expect(acceptedEncoding('identity')).toBeNull()
    expect(acceptedEncoding(undefined)).toBeNull()
  })
})
