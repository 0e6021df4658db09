import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, time } = columnHelpers(db)

  await withId(db.schema.createTable('committees'))
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', time)
    .execute()

  await withId(db.schema.createTable('companies'))
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('industry', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', time)
    .execute()

  await withId(db.schema.createTable('branches'))
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('committee_id', 'integer', (col) => col.notNull().references('committees.id'))
    .addColumn('company_id', 'integer', (col) => col.references('companies.id'))
    .addColumn('created_at', 'text', time)
    .execute()

  await withId(db.schema.createTable('users'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('wechat_openid', 'text', (col) => col.unique())
    .addColumn('branch_id', 'integer', (col) => col.references('branches.id'))
    .addColumn('company_id', 'integer', (col) => col.references('companies.id'))
    .addColumn('political_status', 'text', (col) => col.notNull())
    .addColumn('is_ceo', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('roles', 'text', (col) => col.notNull().defaultTo('member'))
    .addColumn('created_at', 'text', time)
    .execute()
  await db.schema.createIndex('users_branch_id_idx').on('users').column('branch_id').execute()

  await withId(db.schema.createTable('announcements'))
    .addColumn('scope', 'text', (col) => col.notNull().check(sql`scope in ('park', 'branch')`))
    .addColumn('branch_id', 'integer', (col) => col.references('branches.id'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('pinned', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('author_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('published_at', 'text', time)
    .addColumn('created_at', 'text', time)
    .addCheckConstraint(
      'announcements_scope_branch_check',
      sql`(scope = 'park' and branch_id is null) or (scope = 'branch' and branch_id is not null)`,
    )
    .execute()
  // The feed reads park-wide notices and one branch's notices in (pinned, published_at, id) order.
  await db.schema
    .createIndex('announcements_scope_feed_idx')
    .on('announcements')
    .columns(['scope', 'pinned', 'published_at', 'id'])
    .execute()
  await db.schema
    .createIndex('announcements_branch_feed_idx')
    .on('announcements')
    .columns(['branch_id', 'pinned', 'published_at', 'id'])
    .execute()

  await db.schema
    .createTable('announcement_reads')
    .addColumn('announcement_id', 'integer', (col) =>
      col.notNull().references('announcements.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('read_at', 'text', time)
    .addPrimaryKeyConstraint('announcement_reads_pk', ['announcement_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('announcement_reads_user_idx')
    .on('announcement_reads')
    .column('user_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'announcement_reads',
    'announcements',
    'users',
    'branches',
    'companies',
    'committees',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
