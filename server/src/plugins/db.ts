import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { DbHandle, DialectName } from '../db/connect'
import type { Database } from '../db/types'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    dbDialect: DialectName
    /** Runs migrations and the seed one instance at a time (see db/setup-lock.ts). */
    underSetupLock: DbHandle['underSetupLock']
  }
}

/** Shares one Kysely instance with every route and closes it with the app. */
export default fp<{ handle: DbHandle }>(
  async (app, { handle }) => {
    app.decorate('db', handle.db)
    app.decorate('dbDialect', handle.dialect)
    app.decorate('underSetupLock', handle.underSetupLock)
    app.addHook('onClose', async () => {
      await handle.destroy()
    })
  },
  { name: 'db' },
)
