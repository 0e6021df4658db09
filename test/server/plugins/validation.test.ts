import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../harness'

/*
 * What the request validator lets through. JSON bodies are taken as sent (a boolean is not a
 * number, an array is not a string); only query strings and path params, which are text by
 * nature, are converted. Text fields refuse NUL and other control characters, which PostgreSQL
 * cannot store and no person types.
 */

type Headers = Record<string, string>

describe.each(databases)('request validation on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let member: Headers

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    member = tokenFor(t.app, people.plainMembers[0]!.id)
  })
  afterAll(() => t.close())

  const post = (url: string, headers: Headers, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> })
  const error = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString()
  const event = (fields: Record<string, unknown> = {}) => ({
    title: '青创沙龙',
    category: 'salon',
    description: '',
    venue: '创新驿站',
    startsAt: inDays(10),
    endsAt: inDays(10.1),
    capacity: 20,
    ...fields,
  })
  const notice = (fields: Record<string, unknown> = {}) => ({
    title: '通知',
    body: '正文',
    scope: 'park',
    ...fields,
  })

  it('does not coerce JSON bodies: a boolean is not a number and an array is not a string', async () => {
    for (const fields of [{ capacity: true }, { capacity: '20' }, { title: [123] }, { title: 123 }]) {
      const response = await post('/api/events', admin, event(fields))
      expect({ fields, status: response.statusCode, code: error(response.body).code }).toEqual({
        fields,
        status: 400,
        code: 'VALIDATION_FAILED',
      })
    }
    const before = await t.app.db
      .selectFrom('events')
      .select(t.app.db.fn.countAll().as('n'))
      .executeTakeFirst()
    expect((await post('/api/events', admin, event())).statusCode).toBe(201)
    const after = await t.app.db
      .selectFrom('events')
      .select(t.app.db.fn.countAll().as('n'))
      .executeTakeFirst()
    expect(Number(after?.n)).toBe(Number(before?.n) + 1)
  })

  it('still converts query strings and path params', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/events?limit=2', headers: member })
    expect(list.statusCode).toBe(200)
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(2)
    const id = list.json<{ items: Array<{ id: number }> }>().items[0]!.id
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/events/${id}`, headers: member })).statusCode,
    ).toBe(200)
  })

  it('refuses NUL and other control characters in text fields, naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['/api/announcements', notice({ title: 'a\u0000b' }), 'body/title'],
      ['/api/announcements', notice({ body: '正文\u0000' }), 'body/body'],
      ['/api/announcements', notice({ body: 'bell\u0007' }), 'body/body'],
      ['/api/announcements', notice({ title: 'two\nlines' }), 'body/title'],
      ['/api/announcements', notice({ title: 'c1\u0085' }), 'body/title'],
      ['/api/events', event({ venue: '驿站\u001b[31m' }), 'body/venue'],
      ['/api/events', event({ description: '\u007f' }), 'body/description'],
    ]
    for (const [url, payload, field] of cases) {
      const response = await post(url, admin, payload)
      expect({ url, payload, status: response.statusCode, ...error(response.body) }).toEqual({
        url,
        payload,
        status: 400,
        code: 'VALIDATION_FAILED',
        message: `${field} 不能包含控制字符`,
      })
    }
  })

  it('keeps line breaks and tabs in multi-line text, and any other Unicode', async () => {
    const response = await post(
      '/api/announcements',
      admin,
      notice({ title: '党课通知 🎉 Ünïcode', body: '第一行\r\n第二行\n\t缩进' }),
    )
    expect(response.statusCode).toBe(201)
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/announcements/${response.json<{ id: number }>().id}`,
      headers: admin,
    })
    expect(detail.json<{ body: string; title: string }>()).toMatchObject({
      title: '党课通知 🎉 Ünïcode',
      body: '第一行\r\n第二行\n\t缩进',
    })
  })

  it('refuses a NUL byte in a query string', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events?cursor=%00', headers: member })
    expect(response.statusCode).toBe(400)
    expect(error(response.body).code).toBe('VALIDATION_FAILED')
  })

  it('refuses a month that is not a sensible calendar month for branch statistics', async () => {
    for (const month of ['9999-12', '0000-01', '1999-12', '2026-13']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/branch-stats?month=${month}`,
        headers: admin,
      })
      expect({ month, status: response.statusCode, code: error(response.body).code }).toEqual({
        month,
        status: 400,
        code: 'VALIDATION_FAILED',
      })
    }
    const thisMonth = await t.app.inject({ method: 'GET', url: '/api/branch-stats', headers: admin })
    expect(thisMonth.statusCode).toBe(200)
    const month = thisMonth.json<{ month: string }>().month
    const nextYear = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}`
    const future = await t.app.inject({
      method: 'GET',
      url: `/api/branch-stats?month=${nextYear}`,
      headers: admin,
    })
    expect(future.statusCode).toBe(400)
    expect(error(future.body)).toEqual({ code: 'VALIDATION_FAILED', message: 'query/month 不能晚于本月' })
  })
})
