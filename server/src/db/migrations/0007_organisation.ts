import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

/*
 * The park runs its own organisation. Companies get a status, a 党建工作指导员 and the branch that
 * covers them (a joint branch covers several); branches a kind. People get a phone number (the key
 * the roster is matched on), a birth date, whether they are still in the park, and the moment
 * their earlier logins stopped counting. Invites, join requests, the append-only audit log and
 * WeChat's access token (one per app id, shared by every instance) get their tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, time, optionalTime } = columnHelpers(db)

  await db.schema
    .alterTable('companies')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('operating'))
    .execute()
  await db.schema
    .alterTable('companies')
    .addColumn('instructor_id', 'integer', (col) => col.references('users.id'))
    .execute()
  await db.schema
    .alterTable('companies')
    .addColumn('branch_id', 'integer', (col) => col.references('branches.id'))
    .execute()
  await sql`update companies set branch_id = (
      select min(b.id) from branches b where b.company_id = companies.id)`.execute(db)
  await db.schema.createIndex('companies_branch_id_idx').on('companies').column('branch_id').execute()

  await db.schema
    .alterTable('branches')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('own'))
    .execute()

  await db.schema.alterTable('users').addColumn('phone', 'text').execute()
  await db.schema.alterTable('users').addColumn('birth_date', 'text').execute()
  await db.schema
    .alterTable('users')
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  // Logins issued at or before this moment are refused (deactivation, a bound account retired).
  await db.schema.alterTable('users').addColumn('sessions_valid_after', 'text', optionalTime).execute()
  await db.schema.createIndex('users_phone_uq').on('users').column('phone').unique().execute()

  await withId(db.schema.createTable('invites'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('expires_at', 'text', time)
    .addColumn('created_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', time)
    .addColumn('used_at', 'text', optionalTime)
    .execute()
  await db.schema.createIndex('invites_user_idx').on('invites').column('user_id').execute()

  await withId(db.schema.createTable('join_requests'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('branch_id', 'integer', (col) => col.notNull().references('branches.id'))
    .addColumn('company_id', 'integer', (col) => col.notNull().references('companies.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('phone', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', time)
    .addColumn('decided_at', 'text', optionalTime)
    .addColumn('decided_by', 'integer', (col) => col.references('users.id'))
    .addColumn('member_id', 'integer', (col) => col.references('users.id'))
    .execute()
  // One pending request per account: a second one answers ALREADY_PENDING.
  await db.schema
    .createIndex('join_requests_one_pending_uq')
    .on('join_requests')
    .column('user_id')
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute()
  await db.schema
    .createIndex('join_requests_branch_idx')
    .on('join_requests')
    .columns(['branch_id', 'status', 'id'])
    .execute()

  await withId(db.schema.createTable('audit_log'))
    .addColumn('actor_id', 'integer', (col) => col.references('users.id'))
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'integer', (col) => col.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('at', 'text', time)
    .execute()
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity', 'entity_id', 'id'])
    .execute()

  await db.schema
    .createTable('wechat_tokens')
    .addColumn('appid', 'text', (col) => col.primaryKey())
    .addColumn('access_token', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', time)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['wechat_tokens', 'audit_log', 'join_requests', 'invites']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('users_phone_uq').execute()
  for (const column of ['sessions_valid_after', 'active', 'birth_date', 'phone']) {
    await db.schema.alterTable('users').dropColumn(column).execute()
  }
  await db.schema.alterTable('branches').dropColumn('kind').execute()
  await db.schema.dropIndex('companies_branch_id_idx').execute()
  for (const column of ['branch_id', 'instructor_id', 'status']) {
    await db.schema.alterTable('companies').dropColumn(column).execute()
  }
}
