import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { sql } from 'kysely'
import type { App } from '../../../server/src/app'
import { dialectOf } from '../../../server/src/db/connect'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../harness'

/*
 * Bad input everywhere: every write endpoint the app publishes (read from its OpenAPI document, so a
 * new endpoint is covered the day it is added) gets malformed bodies, ids, query strings and
 * headers, as a park admin and as a plain member. Each request carries at least one fault that the
 * endpoint must refuse; the answer must be a 4xx with an UPPER_SNAKE error code — never a 5xx — and
 * the database must be exactly as before.
 */

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const
type WriteMethod = (typeof WRITE_METHODS)[number]

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean
  minProperties?: number
  maxLength?: number
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  nullable?: boolean
}

interface Endpoint {
  method: WriteMethod
  /** OpenAPI path, e.g. `/api/events/{id}/signup` */
  path: string
  pathParams: string[]
  authenticated: boolean
  idempotencyKey: boolean
  body: JsonSchema | null
}

interface Operation {
  parameters?: Array<{ in: string; name: string }>
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
  security?: unknown[]
}

async function writeEndpoints(app: App): Promise<Endpoint[]> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
  const document = response.json<{ paths: Record<string, Partial<Record<string, Operation>>> }>()
  const endpoints: Endpoint[] = []
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = operations[method]
      if (!operation) continue
      const parameters = operation.parameters ?? []
      endpoints.push({
        method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        authenticated: (operation.security ?? []).length > 0,
        idempotencyKey: parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      })
    }
  }
  return endpoints
}

/** The branches of a body schema: one object schema, or each member of a top-level union. */
const branchesOf = (schema: JsonSchema): JsonSchema[] => schema.anyOf ?? schema.oneOf ?? [schema]

const isScalar = (schema: JsonSchema): boolean => {
  if (schema.anyOf || schema.oneOf) return (schema.anyOf ?? schema.oneOf ?? []).every(isScalar)
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  return types.every(
    (type) =>
      type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' || type === 'null',
  )
}

/** Known fields whose value must be a scalar in every branch (so an object there is always wrong). */
function scalarFields(schema: JsonSchema): string[] {
  const branches = branchesOf(schema)
  const names = new Set(branches.flatMap((branch) => Object.keys(branch.properties ?? {})))
  return [...names].filter((name) =>
    branches.every((branch) => {
      const property = branch.properties?.[name]
      return property === undefined ? branch.additionalProperties === false : isScalar(property)
    }),
  )
}

/** String fields with a maximum length in every branch that has them. */
function boundedStrings(schema: JsonSchema): Array<{ name: string; maxLength: number }> {
  const found = new Map<string, number>()
  for (const branch of branchesOf(schema)) {
    for (const [name, property] of Object.entries(branch.properties ?? {})) {
      if (property.type === 'string' && property.maxLength !== undefined) {
        found.set(name, Math.max(found.get(name) ?? 0, property.maxLength))
      }
    }
  }
  // Only safe when every branch either bounds the field or refuses unknown fields.
  return [...found.entries()]
    .filter(([name]) =>
      branchesOf(schema).every(
        (branch) =>
          branch.properties?.[name]?.maxLength !== undefined || branch.additionalProperties === false,
      ),
    )
    .map(([name, maxLength]) => ({ name, maxLength }))
}

const refusesUnknownFields = (schema: JsonSchema) =>
  branchesOf(schema).every((branch) => branch.additionalProperties === false)

const refusesEmptyObject = (schema: JsonSchema) =>
  branchesOf(schema).every((branch) => (branch.required ?? []).length > 0 || (branch.minProperties ?? 0) > 0)

/** Ids no route may accept: each fails `integer 1..2147483647` even after query-string coercion. */
const BAD_IDS = [
  '0',
  '-1',
  '-0',
  'abc',
  '1e30',
  '1.5',
  '9'.repeat(400),
  '2147483648',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '%00',
]
const VALID_LOOKING_IDS = ['1', '2', '3', '99999']

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
]

const INVALID_JSON = [
  '{',
  '{"a":',
  "{'a': 1}",
  '{"a":1}}',
  '{"a":1,}',
  'undefined',
  'NaN',
  '[',
  'tru',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '\u0000',
  '{"a":"\\x"}',
]

const TOP_LEVEL_NOT_OBJECT = ['[1,2]', '[]', '"text"', '42', 'true', 'null', '[{"a":1},{"b":2}]']

const BAD_IDEMPOTENCY_KEYS = ['', 'has space', 'x'.repeat(101), 'tab\there', '"quoted key"']

/** Values that never pass for a scalar field, even with type coercion. */
const nestedJunk = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 2, maxLength: 5 }),
  fc.constant({ $ne: null }),
  fc.constant([[[]], {}]),
)

const junkQuery = fc.oneof(
  fc.constant(''),
  fc.constant('?limit=abc'),
  fc.constant('?__proto__[admin]=1'),
  fc.constant('?a[b][c]=1&a=2'),
  fc.constant(`?q=${'x'.repeat(3000)}`),
  fc.constant('?%zz=1'),
  fc.constant('?cursor=&limit=-1'),
  fc.string({ maxLength: 20 }).map((text) => `?${encodeURIComponent(text)}=${encodeURIComponent(text)}`),
)

const junkAuthorization = fc.oneof(
  fc.constant('Bearer'),
  fc.constant('Bearer '),
  fc.constant('Bearer garbage'),
  fc.constant('Bearer a.b.c'),
  fc.constant('Basic dXNlcjpwYXNz'),
  fc.constant(`Bearer ${'x'.repeat(5000)}`),
  fc.stringMatching(/^Bearer [A-Za-z0-9._-]{1,80}$/),
)

interface BadRequest {
  fault: string
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

type Fault =
  | 'authorization'
  | 'id'
  | 'invalidJson'
  | 'contentType'
  | 'huge'
  | 'unknownField'
  | 'nested'
  | 'missing'
  | 'topLevel'
  | 'overlong'
  | 'idempotencyKey'

/** The faults this endpoint must refuse whatever else the request says. */
function faultsOf(endpoint: Endpoint): Fault[] {
  const faults: Fault[] = ['invalidJson', 'contentType', 'huge']
  if (endpoint.authenticated) faults.push('authorization')
  if (endpoint.pathParams.length > 0) faults.push('id')
  if (endpoint.idempotencyKey) faults.push('idempotencyKey')
  const body = endpoint.body
  if (body) {
    if (refusesUnknownFields(body)) faults.push('unknownField')
    if (scalarFields(body).length > 0) faults.push('nested')
    if (refusesEmptyObject(body)) faults.push('missing')
    if (boundedStrings(body).length > 0) faults.push('overlong')
    faults.push('topLevel')
  }
  return faults
}

function badRequests(endpoint: Endpoint, authorization: string): fc.Arbitrary<BadRequest> {
  const body = endpoint.body
  const noiseBody = fc.option(
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc
        .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 })
        .map((value) => JSON.stringify(value)),
    ),
    { nil: undefined },
  )

  const faultBody = (fault: Fault): fc.Arbitrary<{ payload: string | undefined; contentType?: string }> => {
    switch (fault) {
      case 'invalidJson':
        return fc
          .oneof(
            fc.constantFrom(...INVALID_JSON),
            fc.string({ minLength: 1, maxLength: 30 }).map((text) => `{${text}`),
          )
          .map((payload) => ({ payload }))
      case 'contentType':
        return fc
          .tuple(
            fc.constantFrom(...WRONG_CONTENT_TYPES),
            fc.oneof(fc.constant('{}'), fc.string({ minLength: 1, maxLength: 50 })),
          )
          .map(([contentType, payload]) => ({ payload, contentType }))
      case 'huge':
        return fc
          .constantFrom('"a"', '{"title":"', '[')
          .map((start) => ({ payload: `${start}${'x'.repeat(300 * 1024)}"` }))
      case 'unknownField':
        return fc
          .tuple(
            fc.string({ minLength: 1, maxLength: 12 }).map((name) => `x_${name}`),
            fc.jsonValue({ maxDepth: 2 }),
          )
          .map(([name, value]) => ({ payload: JSON.stringify({ [name]: value }) }))
      case 'nested':
        return fc
          .tuple(fc.constantFrom(...scalarFields(body!)), nestedJunk)
          .map(([name, value]) => ({ payload: JSON.stringify({ [name]: value }) }))
      case 'missing':
        return fc.constant({ payload: '{}' })
      case 'topLevel':
        return fc.constantFrom(...TOP_LEVEL_NOT_OBJECT).map((payload) => ({ payload }))
      case 'overlong':
        return fc
          .tuple(fc.constantFrom(...boundedStrings(body!)), fc.integer({ min: 1, max: 2000 }))
          .map(([field, extra]) => ({
            payload: JSON.stringify({ [field.name]: '长'.repeat(field.maxLength + extra) }),
          }))
      default:
        return noiseBody.map((payload) => ({ payload }))
    }
  }

  return fc
    .record({
      fault: fc.constantFrom(...faultsOf(endpoint)),
      id: fc.constantFrom(...VALID_LOOKING_IDS),
      badId: fc.constantFrom(...BAD_IDS),
      query: junkQuery,
      badAuthorization: junkAuthorization,
      badKey: fc.constantFrom(...BAD_IDEMPOTENCY_KEYS),
      noiseKey: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/), { nil: undefined }),
      extraHeader: fc.option(fc.stringMatching(/^[ -~]{0,200}$/), { nil: undefined }),
    })
    .chain((parts) =>
      faultBody(parts.fault).map(({ payload, contentType }) => {
        const id = parts.fault === 'id' ? parts.badId : parts.id
        let url = endpoint.path
        for (const name of endpoint.pathParams) url = url.replace(`{${name}}`, encodeURIComponent(id))
        const headers: Record<string, string> = {
          authorization: parts.fault === 'authorization' ? parts.badAuthorization : authorization,
        }
        if (payload !== undefined) headers['content-type'] = contentType ?? 'application/json'
        if (parts.fault === 'idempotencyKey') headers['idempotency-key'] = parts.badKey
        else if (parts.noiseKey !== undefined) headers['idempotency-key'] = parts.noiseKey
        if (parts.extraHeader !== undefined) headers['x-junk'] = parts.extraHeader
        return {
          fault: parts.fault,
          method: endpoint.method.toUpperCase(),
          url: `${url}${parts.query}`,
          headers,
          ...(payload !== undefined ? { payload } : {}),
        }
      }),
    )
}

/** Tables that count requests rather than hold what a request writes. */
const COUNTERS = ['rate_limits']

async function tableNames(app: App): Promise<string[]> {
  const { rows } =
    dialectOf(app.db) === 'postgres'
      ? await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(app.db)
      : await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1`.execute(
          app.db,
        )
  // Login attempts are counted (rate_limits) whatever their fate: that is the limit, not a write.
  return rows.map((row) => row.name).filter((name) => !COUNTERS.includes(name))
}

/** Row counts of every table, in one query. */
async function rowCounts(app: App, tables: string[]): Promise<Record<string, number>> {
  const columns = tables.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`)
  const { rows } = await sql<Record<string, number | string>>`select ${sql.join(columns)}`.execute(app.db)
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([table, count]) => [table, Number(count)]))
}

/** A digest of every row of every table: catches updates as well as inserts and deletes. */
async function checksum(app: App, tables: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(app.db)
    const lines = rows.map((row) => JSON.stringify(row)).sort()
    hash.update(`${table}\n${lines.join('\n')}\n`)
  }
  return hash.digest('hex')
}

describe.each(databases)('write endpoints refuse bad input on $name', (database) => {
  let t: TestApp
  let endpoints: Endpoint[]
  let tables: string[]
  const roles: Array<{ name: string; authorization: string }> = []

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    roles.push({ name: 'park admin', authorization: tokenFor(t.app, people.parkAdmins[0]!.id).authorization })
    roles.push({ name: 'member', authorization: tokenFor(t.app, people.plainMembers[0]!.id).authorization })
    endpoints = await writeEndpoints(t.app)
    tables = await tableNames(t.app)
  })
  afterAll(() => t.close())

  it('finds the write endpoints in the OpenAPI document', () => {
    const names = endpoints.map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`)
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/auth/demo-login',
        'POST /api/announcements',
        'POST /api/events',
        'PATCH /api/events/{id}',
        'DELETE /api/events/{id}',
        'POST /api/events/{id}/signup',
        'DELETE /api/events/{id}/signup',
        'POST /api/events/{id}/checkins',
        'POST /api/health-packages/{id}/claim',
        'POST /api/materials/{id}/open',
        'POST /api/materials/{id}/close',
        'POST /api/cards/verify',
      ]),
    )
    expect(tables).toEqual(expect.arrayContaining(['users', 'points_ledger', 'event_signups']))
  })

  it('answers every malformed write with a 4xx error envelope, never a 5xx, and writes nothing', async () => {
    // Runs per endpoint and role: 2 × 40 = 80 requests per endpoint.
    const runs = 40
    let firstWriter: string | undefined
    for (const endpoint of endpoints) {
      const before = await checksum(t.app, tables)
      const counts = await rowCounts(t.app, tables)
      for (const role of roles) {
        await fc.assert(
          fc.asyncProperty(badRequests(endpoint, role.authorization), async (request) => {
            const response = await t.app.inject({
              method: request.method as 'POST',
              url: request.url,
              headers: request.headers,
              ...(request.payload !== undefined ? { payload: request.payload } : {}),
            })
            const context = `${role.name}: ${request.method} ${request.url.slice(0, 120)} [${request.fault}] → ${response.statusCode} ${response.body.slice(0, 200)}`
            if (response.statusCode < 400 || response.statusCode >= 500) throw new Error(context)
            const body = response.json<{ error?: { code?: unknown; message?: unknown } }>()
            if (typeof body.error?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.error.code)) {
              throw new Error(`no error code: ${context}`)
            }
            if (typeof body.error.message !== 'string' || body.error.message === '') {
              throw new Error(`no error message: ${context}`)
            }
            const after = await rowCounts(t.app, tables)
            if (JSON.stringify(after) !== JSON.stringify(counts)) {
              // Later runs see the same rows, so name the request that wrote them first.
              firstWriter ??= context
              throw new Error(`rows written, first by ${firstWriter}`)
            }
          }),
          { numRuns: runs },
        )
      }
      expect({
        endpoint: `${endpoint.method} ${endpoint.path}`,
        digest: await checksum(t.app, tables),
      }).toEqual({
        endpoint: `${endpoint.method} ${endpoint.path}`,
        digest: before,
      })
    }
  }, 120_000)
})
