// Finding which slugs are taken: the base slug and every "base-N", in one statement (one round trip on PostgreSQL,
// where a bulk load adds thousands of papers). SQLite's LIKE is case-insensitive and cannot use the slug index, so
// there the prefix search is a GLOB (slugs hold only a-z, 0-9 and hyphens, none of them special to GLOB), and both
// halves of the OR use the index; PostgreSQL's LIKE reads the table, as it did when only the base slug was taken.
import { sql, SqliteAdapter } from 'kysely';
import type { Queryable } from './db.js';

export async function takenSlugs(db: Queryable, table: 'document' | 'meeting', base: string): Promise<Set<string>> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const rows = await db.selectFrom(table).select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), sqlite ? sql<boolean>`slug glob ${`${base}-*`}` : sql<boolean>`slug like ${`${base}-%`}`]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}
