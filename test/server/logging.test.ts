import { Writable } from 'node:stream'
import { buildApp } from '../../server/src/app'
import { migrateToLatest } from '../../server/src/db/migrate'
import { databases } from './harness'

describe.each(databases)('request log on $name', (database) => {
  it('names method and path but never the query string', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
        done()
      },
    })
    const { config, cleanup } = await database.makeConfig()
    const app = await buildApp(config, { logger: { level: 'info', stream } })
    try {
      await migrateToLatest(app.db)
      const response = await app.inject({ method: 'GET', url: '/api/health?phone=13812345678' })
      expect(response.statusCode).toBe(200)
    } finally {
      await app.close()
      await cleanup()
    }
    const logged = lines.join('\n')
    expect(logged).toContain('"url":"/api/health"')
    expect(logged).not.toContain('13812345678')
  })
})
