// Statements that PostgreSQL keeps prepared on each connection of the pool (db.ts), so that it parses and plans them
// once rather than on every run. A statement opts in by starting its SQL with PREPARED; it is prepared under a name
// derived from its text, so each distinct text (the shape of a search: its terms, filters and viewer) gets its own.
// Only statements whose plan does not depend on their parameters' values belong here: PostgreSQL settles on the
// generic plan after five runs when it costs no more than the custom ones.
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The comment that marks a statement to be kept prepared. */
export const PREPARED = '/* moot:prepared */';

/** Statements prepared per connection at most: a text beyond them runs unnamed (parsed and planned every time). */
export const MAX_PREPARED_PER_CONNECTION = 200;

/**
 * Runs a query builder's statement marked PREPARED, for the small statements every request of a route runs (a
 * search's committee list; the rate-limit count, rate-limit-count.ts, marks its own text): prepared, each costs
 * PostgreSQL half or less of its parse and plan every time. On SQLite the mark is only a comment.
 */
export async function executePrepared<R>(db: Kysely<Database>, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  const result = await db.executeQuery<R>({ ...compiled, sql: `${PREPARED} ${compiled.sql}` });
  return result.rows;
}
