import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

export async function up(db: Kysely<unknown>): Promise<void> {
  const { withId, optionalTime, time } = columnHelpers(db)

  await withId(db.schema.createTable('courses'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('training', 'study')`))
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('branch_id', 'integer', (col) => col.references('branches.id'))
    .addColumn('capacity', 'integer', (col) => col.notNull().check(sql`capacity > 0`))
    .addColumn('enrolled_count', 'integer', (col) => col.notNull().defaultTo(0))
    // First session start and last session end, kept for ordering the list without a join.
    .addColumn('starts_at', 'text', time)
    .addColumn('ends_at', 'text', time)
    .addColumn('created_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', time)
    .addCheckConstraint(
      'courses_enrolled_within_capacity',
      sql`enrolled_count >= 0 and enrolled_count <= capacity`,
    )
    .execute()
  await db.schema.createIndex('courses_ends_at_idx').on('courses').columns(['ends_at', 'id']).execute()
  await db.schema.createIndex('courses_starts_at_idx').on('courses').columns(['starts_at', 'id']).execute()

  await withId(db.schema.createTable('course_sessions'))
    .addColumn('course_id', 'integer', (col) => col.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', time)
    .addColumn('ends_at', 'text', time)
    .addColumn('venue', 'text', (col) => col.notNull())
    .addColumn('lecturer', 'text', (col) => col.notNull())
    .addCheckConstraint('course_sessions_ends_after_start', sql`ends_at > starts_at`)
    .execute()
  await db.schema
    .createIndex('course_sessions_course_idx')
    .on('course_sessions')
    .columns(['course_id', 'starts_at'])
    .execute()

  await db.schema
    .createTable('course_enrolments')
    .addColumn('course_id', 'integer', (col) => col.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', time)
    .addPrimaryKeyConstraint('course_enrolments_pk', ['course_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('course_enrolments_user_idx')
    .on('course_enrolments')
    .column('user_id')
    .execute()

  await withId(db.schema.createTable('materials'))
    .addColumn('course_id', 'integer', (col) => col.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('read_minutes', 'integer', (col) => col.notNull().check(sql`read_minutes > 0`))
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('materials_course_idx')
    .on('materials')
    .columns(['course_id', 'position'])
    .execute()

  await withId(db.schema.createTable('checkins'))
    .addColumn('session_id', 'integer', (col) =>
      col.notNull().references('course_sessions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('present', 'late', 'leave')`))
    // When the member counts as signed in: the scan time for an offline sign-in, else the arrival.
    .addColumn('checked_in_at', 'text', time)
    // The phone's scan time of an offline sign-in; null when the sign-in arrived at once.
    .addColumn('scanned_at', 'text', optionalTime)
    .addColumn('offline', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('manual', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (col) => col.references('users.id'))
    // When the server wrote the row.
    .addColumn('created_at', 'text', time)
    .addUniqueConstraint('checkins_once_per_member', ['session_id', 'user_id'])
    .execute()
  // The projector's live list reads the newest sign-ins of one session.
  await db.schema.createIndex('checkins_session_idx').on('checkins').columns(['session_id', 'id']).execute()
  await db.schema.createIndex('checkins_user_idx').on('checkins').column('user_id').execute()

  // Wrong short codes per member and fixed window, shared by every server instance.
  await db.schema
    .createTable('checkin_attempts')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('window_start', 'text', time)
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('checkin_attempts_pk', ['user_id', 'window_start'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'checkin_attempts',
    'checkins',
    'materials',
    'course_enrolments',
    'course_sessions',
    'courses',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
