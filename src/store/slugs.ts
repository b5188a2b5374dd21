// Finding which slugs are taken without scanning a table: one indexed lookup of the base slug, and only when that
// is taken a prefix search for "base-N". SQLite's LIKE is case-insensitive and cannot use the slug index, so there
// the prefix search is a GLOB (slugs hold only a-z, 0-9 and hyphens, none of them special to GLOB).
import { sql, SqliteAdapter } from 'kysely';
import type { Queryable } from './db.js';

export async function takenSlugs(db: Queryable, table: 'document' | 'meeting', base: string): Promise<Set<string>> {
  const exact = await db.selectFrom(table).select('slug').where('slug', '=', base).executeTakeFirst();
  if (!exact) return new Set();
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const rows = await db.selectFrom(table).select('slug')
    .where(sqlite ? sql<boolean>`slug glob ${`${base}-*`}` : sql<boolean>`slug like ${`${base}-%`}`)
    .execute();
  return new Set([base, ...rows.map((r) => r.slug)]);
}
