import type { Kysely } from 'kysely'
import { addVersionColumn, bumpVersionOnRename, dropTrigger } from './columns'

/*
 * `users.version` counts the changes of a user as the app sees them when signed in: every update
 * of the row (roles, branch, company, leaving the park, logins ended) and every rename of their
 * branch or company moves it on. Each instance keeps the signed-in users it has read and compares
 * this one number on every request (plugins/auth), so a change made anywhere applies at the next
 * request on every instance. Triggers keep it, whatever code or tool writes the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addVersionColumn(db, 'users')
  await bumpVersionOnRename(db, 'branches', 'users', 'branch_id')
  await bumpVersionOnRename(db, 'companies', 'users', 'company_id')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['branches', 'companies']) await dropTrigger(db, `${table}_rename_users_version`, table)
  await dropTrigger(db, 'users_version_bump', 'users')
  await db.schema.alterTable('users').dropColumn('version').execute()
}
