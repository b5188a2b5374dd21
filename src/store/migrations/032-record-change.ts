// Issue 16: which audit entries each move of the record's counter stands for, in the order the changes committed,
// so a process's caches can drop only what a change touches. Audit ids are not commit order on PostgreSQL (an id is
// taken when the row is inserted, the commit comes later), so "entries after the last id seen" can pass over a change
// that committed late; the counter's value is taken at commit under its row lock, so it is commit order.
// - record_change: (n, audit_id) for each audit entry of the transaction that moved the record's counter to n; a row
//   with no audit_id when a transaction wrote more entries than are listed (a restore, an import), which a reader
//   takes as "anything may have changed". A move of the counter with no row (a derived change: the search index
//   rebuilt) says the same. Rows are only needed briefly: the change-log job keeps the last few thousand.
// - PostgreSQL: the deferred trigger that counts a transaction once (migration 021) now also lists its entries.
// - SQLite: one writer at a time, every entry moves the counter; the trigger lists each entry under its count.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

/** Entries listed for one transaction; beyond this a row with no audit_id stands for the rest. */
export const LISTED_PER_CHANGE = 100;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.createTable('record_change')
    .addColumn('n', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('audit_id', dialect === 'postgres' ? 'bigint' : 'integer')
    .execute();
  await db.schema.createIndex('record_change_n').on('record_change').column('n').execute();
  if (dialect === 'postgres') {
    await sql.raw(`CREATE OR REPLACE FUNCTION moot_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        flag text := 'moot.counted_' || TG_ARGV[0];
        counted bigint;
        listed int;
      BEGIN
        IF coalesce(current_setting(flag, true), '') <> txid_current()::text THEN
          PERFORM set_config(flag, txid_current()::text, true);
          UPDATE change_counter SET n = n + 1 WHERE name = TG_ARGV[0] RETURNING n INTO counted;
          IF TG_ARGV[0] = 'record' THEN
            PERFORM set_config('moot.record_n', counted::text, true);
            PERFORM set_config('moot.record_listed', '0', true);
          END IF;
        END IF;
        IF TG_TABLE_NAME = 'audit_log' THEN
          listed := current_setting('moot.record_listed')::int + 1;
          PERFORM set_config('moot.record_listed', listed::text, true);
          IF listed <= ${LISTED_PER_CHANGE} THEN
            INSERT INTO record_change (n, audit_id) VALUES (current_setting('moot.record_n')::bigint, NEW.id);
          ELSIF listed = ${LISTED_PER_CHANGE + 1} THEN
            INSERT INTO record_change (n, audit_id) VALUES (current_setting('moot.record_n')::bigint, NULL);
          END IF;
        END IF;
        RETURN NULL;
      END $$`).execute(db);
    return;
  }
  await sql`DROP TRIGGER audit_log_counts_insert`.execute(db);
  await sql`CREATE TRIGGER audit_log_counts_insert AFTER INSERT ON audit_log BEGIN
    UPDATE change_counter SET n = n + 1 WHERE name = 'record';
    INSERT INTO record_change (n, audit_id) SELECT n, NEW.id FROM change_counter WHERE name = 'record';
  END`.execute(db);
}
