import { Writable } from 'node:stream'
import { buildApp } from '../../../../server/src/app'
import { migrateToLatest } from '../../../../server/src/db/migrate'
import { seedIfEmpty } from '../../../../server/src/db/seed'
import { databases, seededPeople, tokenFor } from '../../harness'

describe.each(databases)('phone numbers never reach the log on $name', (database) => {
  it('logs no phone number from roster searches, writes, a refused write or an import', async () => {
    const { config, cleanup } = await database.makeConfig()
    let logged = ''
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString()
        done()
      },
    })
    const app = await buildApp(config, { logger: { level: 'trace', stream } })
    try {
      await migrateToLatest(app.db)
      await seedIfEmpty(app.db)
      const people = await seededPeople(app)
      const admin = tokenFor(app, people.parkAdmins[0]!.id)
      const company = await app.db.selectFrom('companies').select('id').executeTakeFirstOrThrow()
      const phone = '13911112222'
      await app.inject({ method: 'GET', url: `/api/members?q=${phone}`, headers: admin })
      await app.inject({
        method: 'POST',
        url: '/api/members',
        headers: admin,
        payload: { name: '日志测试', phone, companyId: company.id, politicalStatus: 'masses' },
      })
      // A conflict (an error answer) names no number either.
      await app.inject({
        method: 'POST',
        url: '/api/members',
        headers: admin,
        payload: { name: '日志测试', phone, companyId: company.id, politicalStatus: 'masses' },
      })
      await app.inject({
        method: 'POST',
        url: '/api/members/import?dryRun=1',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: `姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期\r\n某,13911113333,不存在,,群众,否,\r\n`,
      })
      expect(logged).toContain('/api/members')
      expect(logged).not.toMatch(/1391111(2222|3333)/)
    } finally {
      await app.close()
      await cleanup()
    }
  })
})
