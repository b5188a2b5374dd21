// Finding which slugs are taken: the base slug and every "base-N", in one statement (one round trip on PostgreSQL,
// where a bulk load adds thousands of papers). SQLite's LIKE is case-insensitive and cannot use the slug index, so
// there the prefix search is a GLOB (slugs hold only a-z, 0-9 and hyphens, none of them special to GLOB), and both
// halves of the OR use the index; PostgreSQL's LIKE reads the table, as it did when only the base slug was taken.
import { sql, SqliteAdapter } from 'kysely';
import type { Queryable } from './db.js';

export async function takenSlugs(db: Queryable, table: 'document' | 'meeting', base: string | readonly string[]): Promise<Set<string>> {
  const bases = [...new Set(typeof base === 'string' ? [base] : base)];
  if (!bases.length) return new Set();
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // Several bases (a bulk load's batch of papers) in the same one statement: any of them, or any of them with "-N".
  const rows = await db.selectFrom(table).select('slug')
    .where((eb) => sqlite
      ? eb.or(bases.flatMap((b) => [eb('slug', '=', b), sql<boolean>`slug glob ${`${b}-*`}`]))
      : eb.or([sql<boolean>`slug = any(${bases})`, sql<boolean>`slug like any(${bases.map((b) => `${b}-%`)})`]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}
