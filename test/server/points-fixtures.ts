import type { App } from '../../server/src/app'

/** Park-wide notices written straight to the database (quicker than publishing one by one). */
export async function addNotices(app: App, count: number, title = (n: number) => `测试通知${n + 1}`) {
  const admin = await app.db
    .selectFrom('users')
    .select('id')
    .where('roles', 'like', '%park_admin%')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const at = new Date().toISOString()
  const rows = await app.db
    .insertInto('announcements')
    .values(
      Array.from({ length: count }, (_, n) => ({
        scope: 'park' as const,
        branch_id: null,
        title: title(n),
        body: '请各支部认真组织学习。',
        pinned: 0,
        author_id: admin.id,
        published_at: at,
        created_at: at,
      })),
    )
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/** A member's ledger rows, oldest first. */
export async function ledgerOf(app: App, userId: number) {
  return app.db.selectFrom('points_ledger').selectAll().where('user_id', '=', userId).orderBy('id').execute()
}

export const sumOf = (rows: Array<{ delta: number }>) => rows.reduce((sum, row) => sum + row.delta, 0)

/** The member's points_daily rows agree with their ledger, per rule and day. */
export async function expectDailyMatchesLedger(app: App, userId: number) {
  const ledger = await ledgerOf(app, userId)
  const expected = new Map<string, number>()
  for (const row of ledger) {
    const key = `${row.rule}/${row.day}`
    expected.set(key, (expected.get(key) ?? 0) + row.delta)
  }
  const daily = await app.db.selectFrom('points_daily').selectAll().where('user_id', '=', userId).execute()
  const actual = new Map(
    daily.filter((row) => row.total !== 0).map((row) => [`${row.rule}/${row.day}`, row.total]),
  )
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected))
}

/** A study material that every member may read (the demo park's study course is park-wide). */
export async function parkMaterial(app: App, index = 0) {
  const rows = await app.db
    .selectFrom('materials as m')
    .innerJoin('courses as c', 'c.id', 'm.course_id')
    .select(['m.id', 'm.title'])
    .where('c.branch_id', 'is', null)
    .orderBy('m.id')
    .execute()
  const material = rows[index]
  if (!material) throw new Error('the demo park has no park-wide study material')
  return material
}
