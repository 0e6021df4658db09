import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

/*
 * The park's statistics read coverage month by month, so a company's coverage has a history: every
 * time a company opens or closes, gets or loses the branch covering it, or gets or loses its
 * 党建工作指导员, the organisation domain appends the company's new state here. Existing companies
 * start with their state of today, dated when they were created. The indexes serve the monthly
 * figures (points by day, sessions by start, help requests by company).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, time } = columnHelpers(db)
  await withId(db.schema.createTable('company_history'))
    .addColumn('company_id', 'integer', (col) => col.notNull().references('companies.id'))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('operating', 'closed')`))
    .addColumn('party_org', 'text', (col) => col.notNull().check(sql`party_org in ('own', 'joint', 'none')`))
    .addColumn('has_instructor', 'integer', (col) => col.notNull())
    .addColumn('branch_id', 'integer', (col) => col.references('branches.id'))
    .addColumn('at', 'text', time)
    .execute()
  await db.schema
    .createIndex('company_history_company_idx')
    .on('company_history')
    .columns(['company_id', 'id'])
    .execute()
  await sql`
    insert into company_history (company_id, status, party_org, has_instructor, branch_id, at)
    select c.id, c.status, coalesce(b.kind, 'none'),
           case when c.instructor_id is null then 0 else 1 end, c.branch_id, c.created_at
    from companies c left join branches b on b.id = c.branch_id
    order by c.id`.execute(db)

  // The month's points summed from the index alone.
  await db.schema
    .createIndex('points_ledger_stats_idx')
    .on('points_ledger')
    .columns(['day', 'user_id', 'delta'])
    .execute()
  await db.schema
    .createIndex('course_sessions_starts_idx')
    .on('course_sessions')
    .column('starts_at')
    .execute()
  await db.schema
    .createIndex('help_requests_company_idx')
    .on('help_requests')
    .columns(['company_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('help_requests_company_idx').execute()
  await db.schema.dropIndex('course_sessions_starts_idx').execute()
  await db.schema.dropIndex('points_ledger_stats_idx').execute()
  await db.schema.dropTable('company_history').execute()
}
