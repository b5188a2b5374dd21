// Issue 17, PostgreSQL only: a search reads every matching entry's tsvector to rank it, and the longer entries' (a
// paper's page: 674 of the 10-year demo archive's 17,166 over 2 kB) were moved out of the row into TOAST, so ranking
// `plan:*` fetched thousands of TOAST chunks through the TOAST index. Measured on that archive: detoasting was 40% of
// the ranking statement's backend CPU over the portal bench's queries (2.2–2.5 of 3.8–4.1 ms for the
// tsvectors' fetch alone against 0.9–1.2 ms inline).
// - tsv is stored MAIN: kept in the row (compressed there if need be) and moved out only when the row cannot fit in a
//   page otherwise; the body (read for the ten hits shown, not for ranking) goes to TOAST first instead.
// - Where the server has lz4, body and tsv are compressed with it (a third of pglz's CPU on insert, cheaper to read).
// - Statistics: none for title, address, body and page number (no plan uses them; ANALYZE sorted the long text to
//   find its most common values), and a target of 10 for the rest, tsv included: ANALYZE after a rebuild samples 3,000
//   rows instead of every row of the demo archive, 40–60 ms instead of 450–870 ms (load 14), and the estimates stay
//   close (`budget` 2,434 rows estimated, 2,269 found; `plan:*` 4,479 and 4,439), so plans are unchanged.
// Only the settings change here (no table rewrite): entries written from now on are stored so, as is every entry at
// the next `moot reindex`. Rewriting the rows here would leave every old row version in the table and in the GIN index
// until a vacuum, which would cost searches more than it saves where autovacuum is off.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`ALTER TABLE search_entry ALTER COLUMN tsv SET STORAGE MAIN`.execute(db);
  const lz4 = await sql<{ ok: boolean }>`SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(db);
  await sql`ALTER TABLE search_entry ALTER COLUMN title SET STATISTICS 0, ALTER COLUMN url SET STATISTICS 0, ALTER COLUMN body SET STATISTICS 0,
    ALTER COLUMN page SET STATISTICS 0, ALTER COLUMN id SET STATISTICS 10, ALTER COLUMN kind SET STATISTICS 10, ALTER COLUMN ref_id SET STATISTICS 10,
    ALTER COLUMN meeting_id SET STATISTICS 10, ALTER COLUMN body_id SET STATISTICS 10, ALTER COLUMN date SET STATISTICS 10,
    ALTER COLUMN exempt SET STATISTICS 10, ALTER COLUMN tsv SET STATISTICS 10`.execute(db);
  if (lz4.rows[0]?.ok) await sql`ALTER TABLE search_entry ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN tsv SET COMPRESSION lz4`.execute(db);
}
