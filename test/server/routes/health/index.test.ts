import { databases, startApp, type TestApp } from '../../harness'

describe.each(databases)('GET /api/health on $name', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(database, { seed: false })
  })
  afterAll(() => t.close())

  it('says ok', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })
})
