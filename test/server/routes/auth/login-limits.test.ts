import { randomBytes } from 'node:crypto'
import { buildApp, type App } from '../../../../server/src/app'
import { migrateToLatest } from '../../../../server/src/db/migrate'
import { seedIfEmpty } from '../../../../server/src/db/seed'
import { databases, type TestDatabase } from '../../harness'

/*
 * Login limits (API.md, "Login limits"): a venue behind one address must work — 200 different
 * accounts logging in from one address within a minute all succeed — while one address is still
 * capped and one account takes at most 10 attempts a minute. The limits hold across instances:
 * every test runs two app instances on one database, with the counts in the database or in Redis.
 */

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

interface Store {
  name: string
  database: TestDatabase
  redis: boolean
}
const stores: Store[] = databases.flatMap((database) => [
  { name: `${database.name}, counted in the database`, database, redis: false },
  { name: `${database.name}, counted in Redis`, database, redis: true },
])

/** Two instances of the app on one fresh database (and one Redis key space). */
async function twoInstances(store: Store, env: Record<string, string>) {
  const { config, cleanup } = await store.database.makeConfig({
    ...env,
    ...(store.redis
      ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `red-e-park-test:${randomBytes(6).toString('hex')}:` }
      : {}),
  })
  const first = await buildApp(config)
  await migrateToLatest(first.db)
  await seedIfEmpty(first.db)
  const second = await buildApp(config)
  return {
    apps: [first, second] as const,
    close: async () => {
      await first.close()
      await second.close()
      await cleanup()
    },
  }
}

const demoLogin = (app: App, userId: number, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { userId }, remoteAddress })

async function demoAccounts(app: App): Promise<number[]> {
  const rows = await app.db
    .selectFrom('users')
    .select('id')
    .where('wechat_openid', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

describe.each(stores)('login limits ($name)', (store) => {
  describe('with the default limits', () => {
    let apps: readonly [App, App]
    let close: () => Promise<void>
    let accounts: number[]
    beforeAll(async () => {
      // The defaults, not the generous ones the other suites use.
      ;({ apps, close } = await twoInstances(store, {
        LOGIN_LIMIT_PER_ADDRESS: '',
        LOGIN_LIMIT_PER_ACCOUNT: '',
      }))
      accounts = await demoAccounts(apps[0])
    })
    afterAll(() => close())

    it('lets 200 different accounts log in from one address within a minute', async () => {
      expect(accounts.length).toBeGreaterThanOrEqual(201)
      const statuses: Record<number, number> = {}
      for (let i = 0; i < 200; i++) {
        const response = await demoLogin(apps[i % 2]!, accounts[i]!, '10.20.30.40')
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
      }
      expect(statuses).toEqual({ 200: 200 })
    })

    it('allows one account 10 attempts a minute across instances and addresses, then 429', async () => {
      const account = accounts[200]!
      for (let i = 0; i < 10; i++) {
        expect((await demoLogin(apps[i % 2]!, account, `10.0.1.${i + 1}`)).statusCode).toBe(200)
      }
      for (const app of apps) {
        const limited = await demoLogin(app, account, '10.0.2.1')
        expect(limited.statusCode).toBe(429)
        expect(limited.json().error).toEqual({
          code: 'RATE_LIMITED',
          message: expect.stringContaining('秒后再试'),
        })
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      }
      // Another account from the same address is not affected.
      expect((await demoLogin(apps[1], accounts[0]!, '10.0.2.1')).statusCode).toBe(200)
    })
  })

  describe('with a tuned address limit', () => {
    let apps: readonly [App, App]
    let close: () => Promise<void>
    let accounts: number[]
    beforeAll(async () => {
      ;({ apps, close } = await twoInstances(store, {
        LOGIN_LIMIT_PER_ADDRESS: '30',
        LOGIN_LIMIT_PER_ACCOUNT: '',
      }))
      accounts = await demoAccounts(apps[0])
    })
    afterAll(() => close())

    it('caps one address across instances, and counts invalid attempts too', async () => {
      for (let i = 0; i < 25; i++) {
        expect((await demoLogin(apps[i % 2]!, accounts[i]!, '192.0.2.7')).statusCode).toBe(200)
      }
      for (let i = 0; i < 5; i++) {
        // Not even a valid body: it still counts against the address.
        const response = await apps[i % 2]!.inject({
          method: 'POST',
          url: '/api/auth/demo-login',
          payload: { userId: 'x' },
          remoteAddress: '192.0.2.7',
        })
        expect(response.statusCode).toBe(400)
      }
      for (const app of apps) {
        const limited = await demoLogin(app, accounts[40]!, '192.0.2.7')
        expect(limited.statusCode).toBe(429)
        expect(limited.json().error.code).toBe('RATE_LIMITED')
      }
      expect((await demoLogin(apps[0], accounts[40]!, '192.0.2.8')).statusCode).toBe(200)
      // Only the login endpoints are limited.
      expect(
        (await apps[0].inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.7' })).statusCode,
      ).toBe(200)
    })
  })
})
