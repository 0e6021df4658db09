import type { AddressInfo } from 'node:net'
import { buildApp } from './app'
import { loadConfig, type Config } from './config'
import { migrateToLatest } from './db/migrate'
import { seedIfEmpty } from './db/seed'

const SHUTDOWN_GRACE_MS = 10_000

/** Settings that make no sense end the start with one clear line, not a stack trace. */
function loadConfigOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    console.error(`红e园区 cannot start: ${(error as Error).message}`)
    process.exit(1)
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit()
  const app = await buildApp(config)
  // Instances started together on one empty database take turns (see db/setup-lock.ts).
  await app.underSetupLock(async () => {
    await migrateToLatest(app.db)
    // SEED_DEMO=0 (and production) starts an empty park: `npm run admin:create` sets it up.
    if (config.seedDemo) await seedIfEmpty(app.db)
  })

  const login = config.demoLogin
    ? 'demo login on: open it and pick a demo account'
    : 'demo login off: sign in through the WeChat mini-program'
  const banner = (url: string): string => `红e园区 running at ${url} — ${login} (API docs: ${url}/api/docs)`

  let announced = false
  await app.listen({
    port: config.port,
    host: config.host,
    // With info logging on, Fastify logs this once per address (several when bound to 0.0.0.0).
    listenTextResolver: (address) => {
      const text = announced ? `also reachable at ${address}` : banner(address)
      announced = true
      return text
    },
  })
  if (!['info', 'debug', 'trace'].includes(config.logLevel)) {
    const { port } = app.server.address() as AddressInfo
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
    console.log(banner(`http://${host.includes(':') ? `[${host}]` : host}:${port}`))
  }

  // Sends due notifications and reminders until shutdown (app.close stops it first).
  app.notifier.start()

  let closing = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref()
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
