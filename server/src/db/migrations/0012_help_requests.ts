import { sql, type Kysely } from 'kysely'
import { columnHelpers, makeAppendOnly } from './columns'

/*
 * 红e帮帮团 help requests. `help_requests` is the one mutable row per request (its status, its
 * assignee and the times the park's statistics read); everything that happened to it is in
 * `help_request_events`, which the database keeps append-only like the points ledger, as it does
 * the replies and the one rating.
 *
 * The due times are fixed when the request is filed (first reply within 2 working days, on the
 * 红色服务通道 within 1; resolution within 10, priority within 5), so a report never recomputes
 * a target from today's rules.
 */
const APPEND_ONLY = ['help_request_events', 'help_request_replies', 'help_request_ratings'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, optionalTime, time } = columnHelpers(db)

  await withId(db.schema.createTable('help_requests'))
    .addColumn('company_id', 'integer', (col) => col.notNull().references('companies.id'))
    .addColumn('requester_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('category', 'text', (col) =>
      col.notNull().check(sql`category in ('policy', 'tax', 'finance', 'talent', 'space', 'other')`),
    )
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('priority', 'text', (col) => col.notNull().check(sql`priority in ('high', 'normal')`))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('submitted', 'assigned', 'in_progress', 'resolved', 'closed')`),
    )
    .addColumn('assignee_id', 'integer', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', time)
    .addColumn('updated_at', 'text', time)
    /** the first reply by anyone but the requester */
    .addColumn('first_response_at', 'text', optionalTime)
    .addColumn('response_due_at', 'text', time)
    .addColumn('resolution_due_at', 'text', time)
    /** the latest resolution; cleared on reopen */
    .addColumn('resolved_at', 'text', optionalTime)
    .addColumn('closed_at', 'text', optionalTime)
    .addColumn('reopen_count', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  // Lists: high priority first ('high' < 'normal'), newest first.
  await db.schema
    .createIndex('help_requests_queue_idx')
    .on('help_requests')
    .columns(['priority', 'id'])
    .execute()
  await db.schema
    .createIndex('help_requests_requester_idx')
    .on('help_requests')
    .columns(['requester_id', 'id'])
    .execute()
  await db.schema
    .createIndex('help_requests_assignee_idx')
    .on('help_requests')
    .columns(['assignee_id', 'id'])
    .execute()
  await db.schema.createIndex('help_requests_created_idx').on('help_requests').column('created_at').execute()

  await withId(db.schema.createTable('help_request_events'))
    .addColumn('request_id', 'integer', (col) => col.notNull().references('help_requests.id'))
    .addColumn('actor_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('submitted', 'assigned', 'status', 'reopened', 'replied', 'rated')`),
    )
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    /** the helper, on `assigned` */
    .addColumn('assignee_id', 'integer', (col) => col.references('users.id'))
    .addColumn('at', 'text', time)
    .execute()
  await db.schema
    .createIndex('help_request_events_request_idx')
    .on('help_request_events')
    .columns(['request_id', 'id'])
    .execute()

  await withId(db.schema.createTable('help_request_replies'))
    .addColumn('request_id', 'integer', (col) => col.notNull().references('help_requests.id'))
    .addColumn('author_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('help_request_replies_request_idx')
    .on('help_request_replies')
    .columns(['request_id', 'id'])
    .execute()

  await db.schema
    .createTable('help_request_ratings')
    .addColumn('request_id', 'integer', (col) => col.primaryKey().references('help_requests.id'))
    .addColumn('requester_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('score', 'integer', (col) => col.notNull().check(sql`score between 1 and 5`))
    .addColumn('comment', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', time)
    .execute()

  await makeAppendOnly(db, 'help_requests_append_only', APPEND_ONLY)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('help_request_ratings').execute()
  await db.schema.dropTable('help_request_replies').execute()
  await db.schema.dropTable('help_request_events').execute()
  await db.schema.dropTable('help_requests').execute()
  if (columnHelpers(db).postgres) await sql`drop function help_requests_append_only()`.execute(db)
}
