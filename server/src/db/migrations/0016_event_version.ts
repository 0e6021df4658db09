import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../connect'
import { addVersionColumn, bumpVersionOnRename, dropTrigger } from './columns'

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
  await addVersionColumn(db, 'events')
  await bumpVersionOnRename(db, 'branches', 'events', 'branch_id')

  if (dialectOf(db) === 'postgres') {
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
    return
  }

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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const triggers =
    dialectOf(db) === 'postgres'
      ? ['event_signups_events_version']
      : [
          'event_signups_update_events_version',
          'event_signups_delete_events_version',
          'event_signups_insert_events_version',
        ]
  await dropTrigger(db, 'branches_rename_events_version', 'branches')
  for (const name of triggers) await dropTrigger(db, name, 'event_signups')
  await dropTrigger(db, 'events_version_bump', 'events')
  await db.schema.alterTable('events').dropColumn('version').execute()
}
