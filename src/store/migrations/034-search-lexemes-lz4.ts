// Issue 17, PostgreSQL only: bulk loads and search rebuilds without work PostgreSQL can avoid.
// - search_entry.tsv stops being a generated column (which PostgreSQL computes for every row inserted, always) and is
//   filled by a trigger when an insert does not give it. Its definition is unchanged (migration 002's), now in the
//   function search_tsv(title, body). A rebuild gives tsv itself, computed by search_tsv on other connections, once per
//   distinct title and body (src/store/search/indexer.ts); every other insert leaves it to the trigger.
// - Files are compressed with lz4 rather than pglz where the server has it: a third of the CPU time and smaller,
//   measured on the demonstration archive's PDFs (689 files, 26.8 MB: pglz 0.45 s, 23.4 MB; lz4 0.12 s, 19.4 MB).
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE OR REPLACE FUNCTION search_tsv(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('english'::regconfig, regexp_replace(coalesce(title, ''), '[\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e]+', ' ', 'g')), 'A')
      || setweight(to_tsvector('english'::regconfig, regexp_replace(coalesce(body, ''), '[\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e]+', ' ', 'g')), 'B') $$`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION search_entry_tsv() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.tsv := search_tsv(NEW.title, NEW.body); RETURN NEW; END $$`.execute(db);
  // The stored values and the GIN index stay as they are.
  await sql`ALTER TABLE search_entry ALTER COLUMN tsv DROP EXPRESSION`.execute(db);
  await sql`CREATE TRIGGER search_entry_tsv_insert BEFORE INSERT ON search_entry FOR EACH ROW WHEN (NEW.tsv IS NULL)
    EXECUTE FUNCTION search_entry_tsv()`.execute(db);
  await sql`CREATE TRIGGER search_entry_tsv_update BEFORE UPDATE OF title, body ON search_entry FOR EACH ROW
    EXECUTE FUNCTION search_entry_tsv()`.execute(db);
  const lz4 = await sql<{ ok: boolean }>`SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(db);
  if (lz4.rows[0]?.ok) await sql`ALTER TABLE blob ALTER COLUMN bytes SET COMPRESSION lz4`.execute(db);
}
