import fc from 'fast-check'
import type { App } from '../../../server/src/app'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../harness'

/*
 * Bad input on every read: each GET endpoint the app publishes (read from its OpenAPI document, so
 * a new one is covered the day it is added) gets malformed path params and query strings — wrong
 * types, out-of-range numbers, control characters, overlong and repeated values, unknown fields —
 * as a park admin and as a plain member. Whatever it is, the answer is never a 5xx, and every
 * 4xx carries the error envelope with an UPPER_SNAKE code and a message.
 */

interface Parameter {
  in: string
  name: string
  schema?: { type?: string; enum?: unknown[]; pattern?: string; maximum?: number }
}
interface Endpoint {
  path: string
  pathParams: string[]
  query: Parameter[]
}

async function readEndpoints(app: App): Promise<Endpoint[]> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
  const document = response.json<{ paths: Record<string, { get?: { parameters?: Parameter[] } }> }>()
  return Object.entries(document.paths)
    .filter(([path, operations]) => operations.get && !path.startsWith('/api/docs'))
    .map(([path, operations]) => {
      const parameters = operations.get?.parameters ?? []
      return {
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query'),
      }
    })
}

const BAD_IDS = [
  '0',
  '-1',
  'abc',
  '1e30',
  '1.5',
  '9'.repeat(400),
  '2147483648',
  'NaN',
  'Infinity',
  '%00',
  '%0a',
  '[]',
]
const VALID_LOOKING_IDS = ['1', '2', '3', '99999']

/** Values no query field should turn into a 500, whatever its type. */
const JUNK_VALUES = [
  '',
  '%00',
  'a%00b',
  '%01%1f%7f',
  '%e2%80%ae',
  '%ff%fe',
  '-1',
  '0',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '2147483648',
  '9'.repeat(40),
  'true',
  'null',
  '[]',
  '{}',
  '9999-12',
  '0000-00',
  '2026-13',
  '1999-12',
  '2100-01',
  'x'.repeat(5000),
]
const junkValue = fc.oneof(
  fc.constantFrom(...JUNK_VALUES),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
)

function badUrls(endpoint: Endpoint): fc.Arbitrary<string> {
  const names = [...endpoint.query.map((p) => p.name), 'x_unknown', 'limit', 'cursor', '__proto__']
  const field = fc.tuple(fc.constantFrom(...names), junkValue).map(([name, value]) => `${name}=${value}`)
  return fc
    .record({
      id: fc.oneof(fc.constantFrom(...BAD_IDS), fc.constantFrom(...VALID_LOOKING_IDS)),
      fields: fc.array(field, { minLength: 0, maxLength: 4 }),
      repeated: fc.boolean(),
    })
    .map(({ id, fields, repeated }) => {
      let url = endpoint.path
      for (const name of endpoint.pathParams) url = url.replace(`{${name}}`, id)
      const query = repeated && fields[0] ? [...fields, fields[0]] : fields
      return query.length > 0 ? `${url}?${query.join('&')}` : url
    })
}

describe.each(databases)('read endpoints refuse bad input on $name', (database) => {
  let t: TestApp
  let endpoints: Endpoint[]
  const roles: Array<{ name: string; authorization: string }> = []

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    roles.push({ name: 'park admin', authorization: tokenFor(t.app, people.parkAdmins[0]!.id).authorization })
    roles.push({ name: 'member', authorization: tokenFor(t.app, people.plainMembers[0]!.id).authorization })
    endpoints = await readEndpoints(t.app)
  })
  afterAll(() => t.close())

  it('finds the read endpoints in the OpenAPI document', () => {
    expect(endpoints.map((endpoint) => endpoint.path)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/me',
        '/api/events',
        '/api/events/{id}',
        '/api/events/{id}/attendees',
        '/api/announcements',
        '/api/courses/{id}',
        '/api/sessions/{id}/checkin-code',
        '/api/branch-stats',
        '/api/me/points',
      ]),
    )
    const branchStats = endpoints.find((endpoint) => endpoint.path === '/api/branch-stats')
    expect(branchStats?.query.map((p) => p.name)).toEqual(expect.arrayContaining(['month', 'branchId']))
  })

  /** Throws, naming the request, unless the answer is below 400 or a 4xx with the envelope. */
  async function expectNo5xx(url: string, role: { name: string; authorization: string }): Promise<void> {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: role.authorization },
    })
    const context = `${role.name}: GET ${url.slice(0, 160)} → ${response.statusCode} ${response.body.slice(0, 200)}`
    if (response.statusCode >= 500) throw new Error(context)
    if (response.statusCode < 400) return
    const body = response.json<{ error?: { code?: unknown; message?: unknown } }>()
    if (typeof body.error?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.error.code)) {
      throw new Error(`no error code: ${context}`)
    }
    if (typeof body.error.message !== 'string' || body.error.message === '') {
      throw new Error(`no error message: ${context}`)
    }
  }

  it('answers each known junk value in each path param and query field without a 5xx', async () => {
    const admin = roles[0]!
    for (const endpoint of endpoints) {
      const at = (id: string) =>
        endpoint.pathParams.reduce((url, name) => url.replace(`{${name}}`, id), endpoint.path)
      for (const id of endpoint.pathParams.length > 0 ? BAD_IDS : []) await expectNo5xx(at(id), admin)
      for (const parameter of endpoint.query) {
        for (const value of JUNK_VALUES) await expectNo5xx(`${at('1')}?${parameter.name}=${value}`, admin)
      }
    }
  }, 180_000)

  it('answers every malformed read with a 2xx or a 4xx error envelope, never a 5xx', async () => {
    for (const endpoint of endpoints) {
      for (const role of roles) {
        await fc.assert(
          fc.asyncProperty(badUrls(endpoint), (url) => expectNo5xx(url, role)),
          { numRuns: 25 },
        )
      }
    }
  }, 180_000)
})
