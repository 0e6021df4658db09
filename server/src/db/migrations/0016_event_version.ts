import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../connect'

/*
 * `events.version` counts the changes of an event as the events list shows it: every update of
 * the row, every signup taken, cancelled or promoted from the waitlist (the counts and the
 * member's own status), and every rename of its branch moves it on. Each instance keeps the
 * answers it gave lately and, before answering one again, reads the ids and versions of the
 * events the list now holds (domain/events/list-cache), so a change made anywhere shows at the
 * next request on every instance. Triggers keep it, whatever code or tool writes the rows.
 *
 * The signup trigger updates an event row that the signup rules have locked already (every write
 * on an event locks its row first); moving a person's signups to another account (binding) changes
 * only `user_id`, which fires nothing here and moves on the users' own versions instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()

  if (dialectOf(db) === 'postgres') {
    await sql`
      create function events_version_bump() returns trigger language plpgsql as $$
      begin
        if new.version = old.version then
          new.version := old.version + 1;
        end if;
        return new;
      end
      $$`.execute(db)
    await sql`
      create trigger events_version_bump before update on events
      for each row execute function events_version_bump()`.execute(db)
    await sql`
      create function event_signups_events_version() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          update events set version = version + 1 where id = old.event_id;
        end if;
        if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.event_id <> old.event_id) then
          update events set version = version + 1 where id = new.event_id;
        end if;
        return null;
      end
      $$`.execute(db)
    await sql`
      create trigger event_signups_events_version after insert or delete or update of event_id, status, waitlist_seq
      on event_signups for each row execute function event_signups_events_version()`.execute(db)
    await sql`
      create function branches_rename_events_version() returns trigger language plpgsql as $$
      begin
        update events set version = version + 1 where branch_id = new.id;
        return null;
      end
      $$`.execute(db)
    await sql`
      create trigger branches_rename_events_version after update of name on branches
      for each row when (old.name is distinct from new.name)
      execute function branches_rename_events_version()`.execute(db)
    return
  }

  // SQLite: the inner update changes the version, so the trigger's condition stops it there.
  await sql`
    create trigger events_version_bump after update on events
    for each row when new.version = old.version
    begin
      update events set version = old.version + 1 where id = new.id;
    end`.execute(db)
  await sql`
    create trigger event_signups_insert_events_version after insert on event_signups
    for each row
    begin
      update events set version = version + 1 where id = new.event_id;
    end`.execute(db)
  await sql`
    create trigger event_signups_delete_events_version after delete on event_signups
    for each row
    begin
      update events set version = version + 1 where id = old.event_id;
    end`.execute(db)
  await sql`
    create trigger event_signups_update_events_version after update of event_id, status, waitlist_seq
    on event_signups for each row
    begin
      update events set version = version + 1 where id in (old.event_id, new.event_id);
    end`.execute(db)
  await sql`
    create trigger branches_rename_events_version after update of name on branches
    for each row when old.name is not new.name
    begin
      update events set version = version + 1 where branch_id = new.id;
    end`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres'
  const triggers = postgres
    ? [
        ['branches_rename_events_version', 'branches'],
        ['event_signups_events_version', 'event_signups'],
        ['events_version_bump', 'events'],
      ]
    : [
        ['branches_rename_events_version', 'branches'],
        ['event_signups_update_events_version', 'event_signups'],
        ['event_signups_delete_events_version', 'event_signups'],
        ['event_signups_insert_events_version', 'event_signups'],
        ['events_version_bump', 'events'],
      ]
  for (const [name, table] of triggers as Array<[string, string]>) {
    await sql`drop trigger if exists ${sql.raw(name)}${sql.raw(postgres ? ` on ${table}` : '')}`.execute(db)
    if (postgres) await sql`drop function if exists ${sql.raw(name)}()`.execute(db)
  }
  await db.schema.alterTable('events').dropColumn('version').execute()
}
