import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, optionalTime, time } = columnHelpers(db)

  await withId(db.schema.createTable('events'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) =>
      col
        .notNull()
        .check(sql`category in ('roadshow', 'salon', 'mentoring', 'charity', 'ceremony', 'other')`),
    )
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('venue', 'text', (col) => col.notNull())
    .addColumn('starts_at', 'text', time)
    .addColumn('ends_at', 'text', time)
    .addColumn('capacity', 'integer', (col) => col.notNull().check(sql`capacity > 0`))
    .addColumn('confirmed_count', 'integer', (col) => col.notNull().defaultTo(0))
    // A counter handing out waitlist places in arrival order; positions are computed from it on read.
    .addColumn('waitlist_seq', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('signup_deadline', 'text', time)
    .addColumn('cancel_deadline', 'text', time)
    .addColumn('branch_id', 'integer', (col) => col.references('branches.id'))
    .addColumn('created_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('cancelled_at', 'text', optionalTime)
    .addColumn('created_at', 'text', time)
    .addColumn('updated_at', 'text', time)
    // The last line of defence against overselling: the database itself refuses it.
    .addCheckConstraint(
      'events_confirmed_within_capacity',
      sql`confirmed_count >= 0 and confirmed_count <= capacity`,
    )
    .execute()
  await db.schema.createIndex('events_starts_at_idx').on('events').columns(['starts_at', 'id']).execute()
  await db.schema.createIndex('events_branch_idx').on('events').columns(['branch_id', 'starts_at']).execute()

  await withId(db.schema.createTable('event_signups'))
    .addColumn('event_id', 'integer', (col) => col.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('confirmed', 'waitlisted', 'cancelled')`),
    )
    .addColumn('waitlist_seq', 'integer')
    .addColumn('created_at', 'text', time)
    .addColumn('confirmed_at', 'text', optionalTime)
    .addColumn('cancelled_at', 'text', optionalTime)
    .addColumn('checked_in_at', 'text', optionalTime)
    .execute()
  // One active signup per member and event; after cancelling, a member may sign up again.
  await db.schema
    .createIndex('event_signups_active_member_uq')
    .on('event_signups')
    .columns(['event_id', 'user_id'])
    .unique()
    .where(sql<boolean>`status <> 'cancelled'`)
    .execute()
  await db.schema
    .createIndex('event_signups_queue_idx')
    .on('event_signups')
    .columns(['event_id', 'status', 'waitlist_seq'])
    .execute()
  await db.schema
    .createIndex('event_signups_user_idx')
    .on('event_signups')
    .columns(['user_id', 'status'])
    .execute()

  await withId(db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('event_id', 'integer', (col) => col.references('events.id').onDelete('cascade'))
    .addColumn('created_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'id'])
    .execute()

  await withId(db.schema.createTable('health_packages'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('stock', 'integer', (col) => col.notNull().check(sql`stock > 0`))
    .addColumn('remaining', 'integer', (col) => col.notNull())
    .addColumn('claim_start', 'text', time)
    .addColumn('claim_end', 'text', time)
    .addColumn('created_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', time)
    .addCheckConstraint('health_packages_remaining_within_stock', sql`remaining >= 0 and remaining <= stock`)
    .execute()

  await withId(db.schema.createTable('health_claims'))
    .addColumn('package_id', 'integer', (col) =>
      col.notNull().references('health_packages.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('claimed', 'redeemed')`))
    .addColumn('claimed_at', 'text', time)
    .addColumn('redeemed_at', 'text', optionalTime)
    .addColumn('redeemed_by', 'integer', (col) => col.references('users.id'))
    .addUniqueConstraint('health_claims_one_per_member', ['package_id', 'user_id'])
    .execute()
  await db.schema.createIndex('health_claims_user_idx').on('health_claims').column('user_id').execute()

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('status_code', 'integer', (col) => col.notNull())
    .addColumn('response_json', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', time)
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'health_claims',
    'health_packages',
    'notifications',
    'event_signups',
    'events',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
