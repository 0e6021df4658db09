/**
 * Database tasks: `tsx server/src/db/cli.ts migrate|seed|down`.
 * Uses the same environment as the server (DATA_DIR or DATABASE_URL).
 */
import { loadConfig } from '../config'
import { createDb } from './connect'
import { migrateDown, migrateToLatest } from './migrate'
import { seedIfEmpty } from './seed'

const USAGE = 'usage: tsx server/src/db/cli.ts migrate|seed|down'

async function main(command: string | undefined): Promise<void> {
  if (command !== 'migrate' && command !== 'seed' && command !== 'down') {
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  const config = loadConfig()
  const { db, dialect, underSetupLock, destroy } = createDb(config)
  try {
    // The same lock as a starting server holds: never two migrations at once.
    await underSetupLock(async () => {
      if (command === 'down') {
        const reverted = await migrateDown(db)
        console.log(reverted.length ? `reverted ${reverted.join(', ')}` : 'nothing to revert')
        return
      }
      const applied = await migrateToLatest(db)
      console.log(
        applied.length ? `migrated (${dialect}): ${applied.join(', ')}` : `schema up to date (${dialect})`,
      )
      if (command === 'seed') {
        if (!config.seedDemo) {
          console.log('SEED_DEMO=0 (or production): no demo data; create the park with npm run admin:create')
          return
        }
        const seeded = await seedIfEmpty(db)
        console.log(seeded ? 'demo data seeded' : 'database not empty: seed skipped')
      }
    })
  } finally {
    await destroy()
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
