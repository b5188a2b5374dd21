// Search, second step.
// PostgreSQL tokenises like SQLite's unicode61: ASCII punctuation becomes a space before to_tsvector, so "11/01769",
// "well-being" and "john@kent.gov.uk" are words rather than PostgreSQL's path, hyphenated-word and email tokens, and
// the same queries match the same entries on both databases.
// SQLite gets a covering index of the filter columns: checking the filters of 20,000 matches through it takes a few
// milliseconds, where reading the table rows (with their long bodies) takes ten times as long.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE INDEX search_entry_filter ON search_entry (id, exempt, kind, body_id, date, meeting_id)`.execute(db);
    return;
  }
  const clean = (column: string) => sql`regexp_replace(coalesce(${sql.ref(column)}, ''), '[\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e]+', ' ', 'g')`;
  await sql`DROP INDEX IF EXISTS search_entry_tsv`.execute(db);
  await sql`ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv`.execute(db);
  await sql`ALTER TABLE search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', ${clean('title')}), 'A') || setweight(to_tsvector('english', ${clean('body')}), 'B')) STORED`.execute(db);
  await sql`CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)`.execute(db);
}
