// SQLite backend: the parsed query as an FTS5 expression over search_fts (Porter stemmer), ranked by bm25 with the
// title weighted above the body.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { andAll, type Page } from './filters.js';
import type { ParsedQuery, Term } from './query.js';
import type { SearchSort } from './types.js';
import { BODY_WEIGHT, TITLE_WEIGHT, TOTAL_CAP, type RankedIds } from './ranked.js';

// Words are letters and digits only (see query.ts); dropping quotes anyway keeps the expression well formed.
const quote = (s: string) => `"${s.replace(/"/g, '')}"`;

function ftsTerm(t: Term): string {
  return t.type === 'word' ? `${quote(t.word)}${t.prefix ? ' *' : ''}` : quote(t.words.join(' '));
}

/** The FTS5 MATCH expression for a parsed query. */
export function toFts5(q: ParsedQuery): string {
  const positive = q.groups.map((g) => (g.length > 1 ? `(${g.map(ftsTerm).join(' OR ')})` : ftsTerm(g[0]))).join(' AND ');
  if (!q.exclude.length) return positive;
  return `(${positive}) NOT (${q.exclude.map(ftsTerm).join(' OR ')})`;
}

/**
 * One query ranks and pages; the filters read the small covering index search_entry_filter (migration 002) rather
 * than the table rows with their long bodies, and bm25 is computed only for entries that pass them. The total is
 * counted separately, up to TOTAL_CAP, which costs little even for a word in every paper (and not at all when the
 * page is the last one).
 */
export async function rankSqlite(db: Kysely<Database>, q: ParsedQuery, conditions: RawBuilder<unknown>[], page: Page, sort: SearchSort = 'relevance'): Promise<RankedIds> {
  const match = toFts5(q);
  const where = andAll(conditions);
  const rows = await sql<{ id: number; score: number }>`
    select e.id as id, f.score as score
    from (select rowid as rid, bm25(search_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)}) as score
          from search_fts where search_fts match ${match}) f
    join search_entry e indexed by search_entry_filter on e.id = f.rid
    where ${where}
    order by ${sort === 'date' ? sql`e.date desc nulls last, f.score asc` : sql`f.score asc, e.date desc nulls last`}, e.id asc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  const ranked = rows.rows.map((r) => ({ id: r.id, score: -r.score }));
  // A page short of its limit is the last one: the total is known without matching again.
  if (rows.rows.length < page.limit && (rows.rows.length > 0 || page.offset === 0)) return { total: Math.min(page.offset + rows.rows.length, TOTAL_CAP), ranked };
  const count = await sql<{ n: number }>`
    select count(*) as n from (select 1 from search_fts f join search_entry e indexed by search_entry_filter on e.id = f.rowid
      where search_fts match ${match} and ${where} limit ${TOTAL_CAP}) x`.execute(db);
  return { total: count.rows[0]?.n ?? 0, ranked };
}
