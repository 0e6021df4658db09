import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../connect'

/*
 * `users.version` counts the changes of a user as the app sees them when signed in: every update
 * of the row (roles, branch, company, leaving the park, logins ended) and every rename of their
 * branch or company moves it on. Each instance keeps the signed-in users it has read and compares
 * this one number on every request (plugins/auth), so a change made anywhere applies at the next
 * request on every instance. Triggers keep it, whatever code or tool writes the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()

  if (dialectOf(db) === 'postgres') {
    await sql`
      create function users_version_bump() returns trigger language plpgsql as $$
      begin
        if new.version = old.version then
          new.version := old.version + 1;
        end if;
        return new;
      end
      $$`.execute(db)
    await sql`
      create trigger users_version_bump before update on users
      for each row execute function users_version_bump()`.execute(db)
    for (const [table, column] of [
      ['branches', 'branch_id'],
      ['companies', 'company_id'],
    ] as const) {
      await sql`
        create function ${sql.raw(`${table}_rename_users_version`)}() returns trigger language plpgsql as $$
        begin
          update users set version = version + 1 where ${sql.raw(column)} = new.id;
          return null;
        end
        $$`.execute(db)
      await sql`
        create trigger ${sql.raw(`${table}_rename_users_version`)} after update of name on ${sql.raw(table)}
        for each row when (old.name is distinct from new.name)
        execute function ${sql.raw(`${table}_rename_users_version`)}()`.execute(db)
    }
    return
  }

  // SQLite: the inner update changes the version, so the trigger's condition stops it there.
  await sql`
    create trigger users_version_bump after update on users
    for each row when new.version = old.version
    begin
      update users set version = old.version + 1 where id = new.id;
    end`.execute(db)
  for (const [table, column] of [
    ['branches', 'branch_id'],
    ['companies', 'company_id'],
  ] as const) {
    await sql`
      create trigger ${sql.raw(`${table}_rename_users_version`)} after update of name on ${sql.raw(table)}
      for each row when old.name is not new.name
      begin
        update users set version = version + 1 where ${sql.raw(column)} = new.id;
      end`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres'
  for (const table of ['branches', 'companies']) {
    const name = `${table}_rename_users_version`
    await sql`drop trigger if exists ${sql.raw(name)}${sql.raw(postgres ? ` on ${table}` : '')}`.execute(db)
    if (postgres) await sql`drop function if exists ${sql.raw(name)}()`.execute(db)
  }
  await sql`drop trigger if exists users_version_bump${sql.raw(postgres ? ' on users' : '')}`.execute(db)
  if (postgres) await sql`drop function if exists users_version_bump()`.execute(db)
  await db.schema.alterTable('users').dropColumn('version').execute()
}
