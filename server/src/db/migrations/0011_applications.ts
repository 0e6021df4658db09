import { sql, type Kysely } from 'kysely'
import { columnHelpers, makeAppendOnly } from './columns'

/*
 * 入党申请. An application and the steps recorded on it are an append-only trail: the database
 * refuses to update or delete them (a correction is a new step naming the one it corrects).
 * `application_state` is the one mutable row per application: its current stage, kept in step
 * with the trail by the writes, and the key that allows one open application per member.
 */
const APPEND_ONLY = ['applications', 'application_steps', 'application_step_people'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, time } = columnHelpers(db)

  await withId(db.schema.createTable('applications'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    /** the branch it was handed to; the applicant's current branch handles it */
    .addColumn('branch_id', 'integer', (col) => col.notNull().references('branches.id'))
    .addColumn('statement', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('birth_date', 'text', (col) => col.notNull())
    .addColumn('applied_on', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', time)
    .execute()
  await db.schema.createIndex('applications_user_idx').on('applications').columns(['user_id', 'id']).execute()

  await withId(db.schema.createTable('application_steps'))
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    /** position in the trail, 1 = `apply`: two writers recording at once collide on it */
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    /** probation extension only: 1–12 */
    .addColumn('months', 'integer')
    /** a correction names the step it corrects */
    .addColumn('corrects_step_id', 'integer', (col) => col.references('application_steps.id'))
    .addColumn('recorded_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', time)
    .execute()
  await db.schema
    .createIndex('application_steps_seq_uq')
    .on('application_steps')
    .columns(['application_id', 'seq'])
    .unique()
    .execute()

  await db.schema
    .createTable('application_step_people')
    .addColumn('step_id', 'integer', (col) => col.notNull().references('application_steps.id'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addPrimaryKeyConstraint('application_step_people_pk', ['step_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('application_state')
    .addColumn('application_id', 'integer', (col) => col.primaryKey().references('applications.id'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('stage', 'text', (col) =>
      col
        .notNull()
        .check(sql`stage in ('applied', 'activist', 'candidate', 'probationary', 'full', 'withdrawn')`),
    )
    .addColumn('stage_since', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', time)
    .execute()
  // One open application per member: a second one answers ALREADY_APPLIED.
  await db.schema
    .createIndex('application_state_one_open_uq')
    .on('application_state')
    .column('user_id')
    .unique()
    .where(sql<boolean>`stage <> 'withdrawn'`)
    .execute()
  await db.schema.createIndex('application_state_stage_idx').on('application_state').column('stage').execute()

  await makeAppendOnly(db, 'applications_append_only', APPEND_ONLY)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_state').execute()
  await db.schema.dropTable('application_step_people').execute()
  await db.schema.dropTable('application_steps').execute()
  await db.schema.dropTable('applications').execute()
  if (columnHelpers(db).postgres) await sql`drop function applications_append_only()`.execute(db)
}
