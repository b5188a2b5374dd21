// Issue 17, PostgreSQL only: where a search index rebuild keeps the tsvectors it computes outside its transaction
// (src/store/search/indexer.ts), so that they never travel to Node and back. Before, each distinct title and body's
// tsvector came to Node as text and went back in the rebuild's inserts, where PostgreSQL parsed it again (tsvectorin):
// a fifth of the inserting connection's CPU, plus 10 MB of text each way through Node on the 10-year demo archive.
// - Unlogged: nothing here is part of the record, and a crash empties it (no write-ahead log for 5 MB a rebuild).
// - rebuild: a random number per rebuild (two rebuilds at once keep apart); key: one per distinct title and body.
// - tsv kept in the row (MAIN) like search_entry's (migration 035), compressed with lz4 where the server has it.
// A rebuild deletes its rows when it ends, committed or not; rows a killed process left are deleted a day later.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE UNLOGGED TABLE search_tsv_stage (rebuild bigint NOT NULL, key integer NOT NULL, tsv tsvector NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (rebuild, key))`.execute(db);
  await sql`ALTER TABLE search_tsv_stage ALTER COLUMN tsv SET STORAGE MAIN`.execute(db);
  const lz4 = await sql<{ ok: boolean }>`SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(db);
  if (lz4.rows[0]?.ok) await sql`ALTER TABLE search_tsv_stage ALTER COLUMN tsv SET COMPRESSION lz4`.execute(db);
}
