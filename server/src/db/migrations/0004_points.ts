import { sql, type Kysely } from 'kysely'
import { columnHelpers } from './columns'

/** The default rules (学习积分规则); points and caps can be changed in the table later. */
export const DEFAULT_POINTS_RULES = [
  {
    code: 'read_notice',
    name: '阅读通知公告',
    description: '阅读一条通知 +1,同一通知只计一次,每天最多 5 分',
    points: 1,
    daily_cap: 5,
    once_per_object: 1,
  },
  {
    code: 'study_material',
    name: '学习资料',
    description: '学习资料每满 4 分钟 +1(以服务器计时为准,单次最多计 60 分钟),每天最多 8 分',
    points: 1,
    daily_cap: 8,
    once_per_object: 0,
  },
  {
    code: 'training_present',
    name: '参加培训',
    description: '参加一次培训 +5,同一场次只计一次',
    points: 5,
    daily_cap: null,
    once_per_object: 1,
  },
  {
    code: 'training_late',
    name: '参加培训(迟到)',
    description: '培训迟到签到 +3,与按时签到同一场次只计一次',
    points: 3,
    daily_cap: null,
    once_per_object: 1,
  },
  {
    code: 'attend_event',
    name: '参加活动',
    description: '参加一次活动(现场扫码签到)+3,同一活动只计一次',
    points: 3,
    daily_cap: null,
    once_per_object: 1,
  },
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const { postgres, withId, optionalTime, time } = columnHelpers(db)

  await db.schema
    .createTable('points_rules')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('points', 'integer', (col) => col.notNull().check(sql`points > 0`))
    .addColumn('daily_cap', 'integer', (col) => col.check(sql`daily_cap is null or daily_cap > 0`))
    .addColumn('once_per_object', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db
    .insertInto('points_rules' as never)
    .values(
      DEFAULT_POINTS_RULES.map((rule, index) => ({ ...rule, active: 1, sort_order: index + 1 })) as never,
    )
    .execute()

  await withId(db.schema.createTable('points_ledger'))
    // No cascade: the ledger is never rewritten, not even when an account goes.
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('rule', 'text', (col) => col.notNull().references('points_rules.code'))
    .addColumn('delta', 'integer', (col) => col.notNull().check(sql`delta <> 0`))
    .addColumn('object_type', 'text', (col) => col.notNull())
    .addColumn('object_id', 'integer', (col) => col.notNull())
    .addColumn('object_key', 'text')
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', time)
    .execute()
  // Once per member and object. NULL keys (rules without the limit) never collide, on both databases.
  await db.schema
    .createIndex('points_ledger_once_per_object_uq')
    .on('points_ledger')
    .columns(['user_id', 'object_key'])
    .unique()
    .execute()
  await db.schema
    .createIndex('points_ledger_history_idx')
    .on('points_ledger')
    .columns(['user_id', 'created_at', 'id'])
    .execute()
  await db.schema
    .createIndex('points_ledger_day_idx')
    .on('points_ledger')
    .columns(['day', 'user_id'])
    .execute()

  // Append-only, enforced by the database itself.
  if (postgres) {
    await sql`
      create function points_ledger_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'points_ledger is append-only';
      end
      $$`.execute(db)
    await sql`
      create trigger points_ledger_append_only before update or delete on points_ledger
      for each row execute function points_ledger_append_only()`.execute(db)
  } else {
    for (const operation of ['update', 'delete']) {
      await sql`
        create trigger ${sql.raw(`points_ledger_no_${operation}`)} before ${sql.raw(operation)} on points_ledger
        begin
          select raise(abort, 'points_ledger is append-only');
        end`.execute(db)
    }
  }

  await db.schema
    .createTable('points_daily')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('rule', 'text', (col) => col.notNull().references('points_rules.code'))
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('total', 'integer', (col) => col.notNull().check(sql`total >= 0`))
    .addPrimaryKeyConstraint('points_daily_pk', ['user_id', 'rule', 'day'])
    .execute()

  // No foreign key to materials: readings are kept as the member's history even if a course goes.
  await withId(db.schema.createTable('material_reads'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('material_id', 'integer', (col) => col.notNull())
    .addColumn('opened_at', 'text', time)
    .addColumn('closed_at', 'text', optionalTime)
    .addColumn('minutes_awarded', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('points_awarded', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  // A member reads one thing at a time, so the same minutes are never counted twice.
  await db.schema
    .createIndex('material_reads_one_open_uq')
    .on('material_reads')
    .column('user_id')
    .unique()
    .where(sql<boolean>`closed_at is null`)
    .execute()
  await db.schema
    .createIndex('material_reads_member_idx')
    .on('material_reads')
    .columns(['user_id', 'material_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('material_reads').execute()
  await db.schema.dropTable('points_daily').execute()
  await db.schema.dropTable('points_ledger').execute()
  if (columnHelpers(db).postgres) await sql`drop function points_ledger_append_only()`.execute(db)
  await db.schema.dropTable('points_rules').execute()
}
