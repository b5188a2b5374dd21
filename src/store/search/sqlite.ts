// SQLite backend: the parsed query as an FTS5 expression over search_fts (Porter stemmer), ranked by bm25 with the
// title weighted above the body.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { andAll, type Page } from './filters.js';
import type { ParsedQuery, Term } from './query.js';
import type { SearchSort } from './types.js';
import { BODY_WEIGHT, TITLE_WEIGHT, TOTAL_CAP, type EntryRow, type RankedIds } from './ranked.js';
import { rankFunction } from './sqlite-rank.js';

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

/** How many of the best-scored matches the bounded ranking takes from FTS5, at the least. */
export const CANDIDATES = 60;

/**
 * Ranks and pages. bm25 has to be computed for every match (about 0.5 µs each: 2–4 ms for a word in thousands of
 * papers); what the bounded ranking saves is the rest: joining every match to the filter index and sorting them all.
 * FTS5 hands over only its best-scored K matches (a top-K sort inside the virtual table's scan), which are then
 * filtered and ordered as before. The answer is exact, not an approximation: every match scoring better than the worst
 * candidate is a candidate, so a page whose last hit scores better than that is the page the full ranking gives. When
 * it ends in a tie at the boundary, only the matches scoring no worse than the worst candidate are ranked (the whole tie
 * group); when the candidates ran out before the page (exempt entries among them), the full ranking runs instead. Only searches
 * with no filter besides the viewer's take this path: with a kind, committee or date filter most candidates are often
 * filtered out and the full ranking would run as well. On the portal bench's 100 queries it saves 5–10% of the
 * ranking's CPU (30% on a word in thousands of entries); bm25 itself is the rest.
 * The filters read the small covering index search_entry_filter (migration 002) rather than the table rows with their
 * long bodies. The total is counted separately, up to TOTAL_CAP (and not at all when the page is the last one).
 */
export async function rankSqlite(db: Kysely<Database>, q: ParsedQuery, conditions: RawBuilder<unknown>[], page: Page, sort: SearchSort = 'relevance',
  candidates = CANDIDATES, boundByDate = true): Promise<RankedIds> {
  const match = toFts5(q);
  const where = andAll(conditions);
  const scored = sql`select rowid as rid, ${sql.raw(rankFunction())}(search_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)}) as score from search_fts where search_fts match ${match}`;
  const order = sort === 'date' ? sql`e.date desc nulls last, f.score asc` : sql`f.score asc, e.date desc nulls last`;
  let rows: { id: number; score: number }[] | null = null;
  let exhaustive = false; // every match was ranked: a short page is the last one
  if (sort === 'relevance' && conditions.length <= 1) { // one condition at most: usually the viewer's
    const k = Math.max(candidates, 2 * (page.offset + page.limit));
    const bounded = await sql<{ id: number; score: number; n: number; worst: number }>`
      select e.id as id, f.score as score, f.n as n, f.worst as worst
      from (select rid, score, count(*) over () as n, max(score) over () as worst
            from (${scored} order by score limit ${sql.lit(k)})) f
      join search_entry e indexed by search_entry_filter on e.id = f.rid
      where ${where}
      order by ${order}, e.id asc
      limit ${page.limit} offset ${page.offset}`.execute(db);
    const r = bounded.rows;
    const last = r[r.length - 1];
    if (r.length && r[0].n < k) {
      rows = r; // FTS5 had fewer than k matches: every one was ranked
      exhaustive = true;
    } else if (r.length === page.limit && last.score < last.worst) {
      rows = r; // a full page, all of it above the boundary
    } else if (r.length === page.limit) {
      // A full page that ends at the boundary's score: entries alike in every word score alike (a committee's
      // standing items, its meetings' titles), and the candidates held only part of that tie group. Every match
      // scoring no worse than the worst candidate comes before every other match, so ranking just those gives the
      // page exactly: one more pass of the ranking function (cheap with moot_bm25) instead of joining and sorting
      // every match.
      const widened = await sql<{ id: number; score: number }>`
        select e.id as id, f.score as score
        from (${scored}) f
        join search_entry e indexed by search_entry_filter on e.id = f.rid
        where f.score <= ${last.worst} and ${where}
        order by ${order}, e.id asc
        limit ${page.limit} offset ${page.offset}`.execute(db);
      rows = widened.rows;
    } else if (!r.length) {
      // An empty page: no more matches (the usual case: a word found nowhere), or the candidates ran out before it.
      const n = await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts where search_fts match ${match} limit ${sql.lit(k)}) x`.execute(db);
      if ((n.rows[0]?.n ?? 0) < k) {
        rows = [];
        exhaustive = true;
      }
    }
  }
  let ranking = where;
  if (rows === null && sort === 'date' && boundByDate) {
    // Newest first: the page ends at some date d, and every entry on it is dated d or later, so bm25 is needed only
    // for the matches dated d or later (SQLite scores only the rows that pass the conditions). d is found without
    // bm25, from the filter index alone. No such entry (the page is the last) or an undated one: rank them all.
    const last = await sql<{ date: string | null }>`
      select e.date as date from search_fts f join search_entry e indexed by search_entry_filter on e.id = f.rowid
      where search_fts match ${match} and ${where}
      order by e.date desc nulls last limit 1 offset ${page.offset + page.limit - 1}`.execute(db);
    const d = last.rows[0]?.date;
    if (d !== undefined && d !== null) ranking = sql`${where} and e.date >= ${d}`;
  }
  if (rows === null) {
    const full = await sql<{ id: number; score: number }>`
      select e.id as id, f.score as score
      from (${scored}) f
      join search_entry e indexed by search_entry_filter on e.id = f.rid
      where ${ranking}
      order by ${order}, e.id asc
      limit ${page.limit} offset ${page.offset}`.execute(db);
    rows = full.rows;
    exhaustive = ranking === where; // with the date bound, the matches dated earlier were not ranked
  }
  const ranked = rows.map((r) => ({ id: r.id, score: -r.score }));
  const read = await entryRows(db, ranked);
  // A page short of its limit is the last one: the total is known without matching again.
  if (exhaustive && rows.length < page.limit && (rows.length > 0 || page.offset === 0)) return { total: Math.min(page.offset + rows.length, TOTAL_CAP), ranked, rows: read };
  const count = await sql<{ n: number }>`
    select count(*) as n from (select 1 from search_fts f join search_entry e indexed by search_entry_filter on e.id = f.rowid
      where search_fts match ${match} and ${where} limit ${TOTAL_CAP}) x`.execute(db);
  return { total: count.rows[0]?.n ?? 0, ranked, rows: read };
}

/**
 * The page's entries, with their committee and meeting. One statement text whatever the page's length (the ids go in
 * as one JSON array), so it is compiled once and stays prepared, where the query builder's `in (?, ?, …)` was built
 * and compiled again on every search.
 */
async function entryRows(db: Kysely<Database>, ranked: { id: number }[]): Promise<EntryRow[]> {
  if (!ranked.length) return [];
  const read = await sql<EntryRow>`
    select e.id, e.kind, e.ref_id, e.page, e.meeting_id, e.body_id, e.date, e.title, e.url, e.body,
      b.name as body_name, b.slug as body_slug, m.slug as meeting_slug, m.date as meeting_date
    from search_entry e left join body b on b.id = e.body_id left join meeting m on m.id = e.meeting_id
    where e.id in (select value from json_each(${JSON.stringify(ranked.map((r) => r.id))}))`.execute(db);
  return read.rows;
}
