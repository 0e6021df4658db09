import type { Kysely } from 'kysely'

/**
 * Idempotency keys are pruned by age, so their creation time gets an index; login limits that hold
 * across instances count in `rate_limits` (one row per limited key and fixed window) when no Redis
 * is configured.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('idempotency_keys_created_at')
    .on('idempotency_keys')
    .column('created_at')
    .execute()

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('hits', 'integer', (col) => col.notNull())
    // Milliseconds since the epoch: the window's end, compared and computed in SQL.
    .addColumn('resets_at', 'bigint', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('rate_limits_resets_at').on('rate_limits').column('resets_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute()
  await db.schema.dropIndex('idempotency_keys_created_at').execute()
}
