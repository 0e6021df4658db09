import { buildApp, type App } from '../../../server/src/app'
import type { Config } from '../../../server/src/config'
import { migrateToLatest } from '../../../server/src/db/migrate'
import { seedIfEmpty } from '../../../server/src/db/seed'
import type { NotifierOptions } from '../../../server/src/domain/notifications/worker'
import type { TestDatabase } from '../harness'

export interface Instances {
  apps: App[]
  config: Config
  close: () => Promise<void>
}

/** `count` app instances on one fresh database (seeded once), sharing the test's clock. */
export async function startInstances(
  database: TestDatabase,
  count: number,
  options: { env?: Record<string, string>; now: () => Date; notifier?: NotifierOptions; seed?: boolean },
): Promise<Instances> {
  const { config, cleanup } = await database.makeConfig(options.env)
  const apps: App[] = []
  for (let i = 0; i < count; i++) {
    const app = await buildApp(config, { now: options.now, notifier: options.notifier })
    if (i === 0) {
      await migrateToLatest(app.db)
      if (options.seed !== false) await seedIfEmpty(app.db)
    }
    apps.push(app)
  }
  return {
    apps,
    config,
    close: async () => {
      for (const app of apps) await app.close()
      await cleanup()
    },
  }
}
