// Issue 16: the record's counter in stripes, so PostgreSQL's writers no longer take turns at one row. The counter's
// row is locked from the bump at commit until the commit has reached the disk; with one row every write waited for
// the flushes of the writes ahead of it, one flush each, where PostgreSQL would flush the commits waiting together
// at once (`npm run bench -- write-ceiling`: about half the writes a second with the one row).
// - record_counter: one row a stripe. On PostgreSQL a transaction that writes audit entries bumps one stripe, chosen
//   by its transaction id, in the deferred trigger at commit (migrations 021/032); each stripe is still serialised by
//   its own row lock, so within a stripe n is commit order, and a snapshot that sees a stripe at n sees every earlier
//   move of that stripe and none later. The record's version is the vector of the stripes read in one snapshot;
//   snapshots of one server see ever-longer prefixes of the commits, so of two versions one is never behind the other
//   in any stripe, and "changes after what I saw" is, stripe by stripe, (stripe, n) > the n last seen there.
// - SQLite has one writer at a time: one stripe, and its version is the one number it was.
// - record_change gains the stripe of each move. The record's row of change_counter goes; sign-in state's stays.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';
import { LISTED_PER_CHANGE } from './032-record-change.js';

/** Stripes of the record's counter on PostgreSQL (SQLite has one). */
export const RECORD_STRIPES = 8;

/**
 * PostgreSQL's trigger function that counts a transaction's changes at commit (on `stripes` stripes of the record's
 * counter; `npm run bench -- write-ceiling` compares one stripe with RECORD_STRIPES on a database of its own).
 */
export function countChangeFunction(stripes: number): string {
  return `CREATE OR REPLACE FUNCTION moot_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        flag text := 'moot.counted_' || TG_ARGV[0];
        s int;
        counted bigint;
        listed int;
      BEGIN
        IF coalesce(current_setting(flag, true), '') <> txid_current()::text THEN
          PERFORM set_config(flag, txid_current()::text, true);
          IF TG_ARGV[0] = 'record' THEN
            s := (txid_current() % ${stripes})::int;
            UPDATE record_counter SET n = n + 1 WHERE stripe = s RETURNING n INTO counted;
            PERFORM set_config('moot.record_stripe', s::text, true);
            PERFORM set_config('moot.record_n', counted::text, true);
            PERFORM set_config('moot.record_listed', '0', true);
          ELSE
            UPDATE change_counter SET n = n + 1 WHERE name = TG_ARGV[0];
          END IF;
        END IF;
        IF TG_TABLE_NAME = 'audit_log' THEN
          listed := current_setting('moot.record_listed')::int + 1;
          PERFORM set_config('moot.record_listed', listed::text, true);
          IF listed <= ${LISTED_PER_CHANGE + 1} THEN
            INSERT INTO record_change (stripe, n, audit_id) VALUES (current_setting('moot.record_stripe')::int,
              current_setting('moot.record_n')::bigint, CASE WHEN listed <= ${LISTED_PER_CHANGE} THEN NEW.id END);
          END IF;
        END IF;
        RETURN NULL;
      END $$`;
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema.createTable('record_counter')
    .addColumn('stripe', 'integer', (c) => c.primaryKey())
    .addColumn('n', big, (c) => c.notNull().defaultTo(0))
    .execute();
  // Stripe 0 carries on from the single counter, so a running cache's version is not taken for an older one.
  await sql`insert into record_counter (stripe, n) select 0, n from change_counter where name = 'record'`.execute(db);
  await sql`insert into record_counter (stripe, n) select 0, 0 where not exists (select 1 from record_counter)`.execute(db);
  const stripes = dialect === 'postgres' ? RECORD_STRIPES : 1;
  for (let s = 1; s < stripes; s++) await sql`insert into record_counter (stripe, n) values (${s}, 0)`.execute(db);
  await db.schema.alterTable('record_change').addColumn('stripe', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.dropIndex('record_change_n').execute();
  await db.schema.createIndex('record_change_stripe_n').on('record_change').columns(['stripe', 'n']).execute();
  if (dialect === 'postgres') {
    await sql.raw(countChangeFunction(RECORD_STRIPES)).execute(db);
  } else {
    await sql`DROP TRIGGER audit_log_counts_insert`.execute(db);
    await sql`CREATE TRIGGER audit_log_counts_insert AFTER INSERT ON audit_log BEGIN
      UPDATE record_counter SET n = n + 1 WHERE stripe = 0;
      INSERT INTO record_change (stripe, n, audit_id) SELECT 0, n, NEW.id FROM record_counter WHERE stripe = 0;
    END`.execute(db);
  }
  await sql`delete from change_counter where name = 'record'`.execute(db);
}
