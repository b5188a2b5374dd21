// Issue 17 / 16: what the caches are keyed by. A counter per kind of change, bumped in the transaction that makes
// the change, so a reader who sees the new count sees the change (and a cache never keeps old rows under a new count):
// - `record`: the council's record. Every change to it writes an audit entry in the same transaction (a rule of the
//   store), so a trigger on audit_log counts them. Operational writes (rate limits, job leases, sessions, the outbox)
//   no longer move it, nor do other databases' transactions on a shared PostgreSQL server.
// - `access`: sign-in state (user_session, user_account), for the cached session rows; a session's "last seen" touch
//   moves it, and leaves the record's caches alone.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.createTable('change_counter')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('n', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into change_counter (name, n) values ('record', 0), ('access', 0)`.execute(db);
  const watched: { table: string; counter: string; events: string[] }[] = [
    { table: 'audit_log', counter: 'record', events: ['INSERT'] },
    { table: 'user_session', counter: 'access', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'user_account', counter: 'access', events: ['INSERT', 'UPDATE', 'DELETE'] },
  ];
  if (dialect === 'postgres') {
    // Counted when the transaction commits (a deferred trigger), once per transaction: the counter's row is locked
    // only for the moment of the commit, so a long import does not hold every other writer back, and a bulk insert
    // of audit entries (a restore) bumps it once.
    await sql.raw(`CREATE FUNCTION moot_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE flag text := 'moot.counted_' || TG_ARGV[0];
      BEGIN
        IF coalesce(current_setting(flag, true), '') <> txid_current()::text THEN
          PERFORM set_config(flag, txid_current()::text, true);
          UPDATE change_counter SET n = n + 1 WHERE name = TG_ARGV[0];
        END IF;
        RETURN NULL;
      END $$`).execute(db);
    for (const w of watched) {
      await sql.raw(`CREATE CONSTRAINT TRIGGER ${w.table}_counts_change AFTER ${w.events.join(' OR ')} ON ${w.table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION moot_count_change('${w.counter}')`).execute(db);
    }
    return;
  }
  for (const w of watched) {
    for (const event of w.events) {
      await sql.raw(`CREATE TRIGGER ${w.table}_counts_${event.toLowerCase()} AFTER ${event} ON ${w.table}
        BEGIN UPDATE change_counter SET n = n + 1 WHERE name = '${w.counter}'; END`).execute(db);
    }
  }
}
