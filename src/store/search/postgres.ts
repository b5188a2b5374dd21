// PostgreSQL backend: the parsed query as a tsquery built from to_tsquery/plainto_tsquery/phraseto_tsquery calls whose
// arguments are bound parameters, matched against search_entry.tsv and ranked by ts_rank_cd (title A, body B).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PREPARED } from '../prepared.js';
import { COUNTS_COLUMNS_PG, countsOfColumns } from '../read/version.js';
import type { Database } from '../schema.js';
import { andAll, type Page } from './filters.js';
import { foldWord, type ParsedQuery, type Term } from './query.js';
import { BODY_WEIGHT, TITLE_WEIGHT, TOTAL_CAP, type EntryRow, type RankedIds } from './ranked.js';
import { isStopword } from './stopwords.js';
import type { SearchSort } from './types.js';

// ts_rank_cd weights are {D, C, B, A}; titles are A and bodies B (see the tsv column), in the same ratio as bm25's.
// Normalisation 2 divides by the entry's length, which orders hits most like bm25 does (measured on the test archive).
const WEIGHTS = `{0.1, 0.1, ${BODY_WEIGHT / TITLE_WEIGHT}, 1.0}`;

function tsTerm(t: Term): RawBuilder<unknown> {
  if (t.type === 'phrase') return sql`phraseto_tsquery('english', ${t.words.join(' ')})`;
  if (!t.prefix) return sql`plainto_tsquery('english', ${t.word})`;
  // A quoted lexeme with :* is a prefix; the word has no quotes (letters and digits only). A stop word as a prefix
  // ("the*") would vanish under the English configuration, so it goes through 'simple', as SQLite keeps it.
  const lexeme = `'${t.word.replace(/'/g, '')}':*`;
  return isStopword(foldWord(t.word)) ? sql`to_tsquery('simple', ${lexeme})` : sql`to_tsquery('english', ${lexeme})`;
}

/** A row of the page, with its score, the total and the change counters (the statement's snapshot's). */
type Row = EntryRow & { score: number; total: number; counts_record: string | null; counts_access: string | null };

/** The tsquery expression for a parsed query. */
export function toTsquery(q: ParsedQuery): RawBuilder<unknown> {
  const group = (g: Term[]) => (g.length > 1 ? sql`(${sql.join(g.map(tsTerm), sql` || `)})` : tsTerm(g[0]));
  const positive = sql.join(q.groups.map(group), sql` && `);
  if (!q.exclude.length) return sql`(${positive})`;
  return sql`(${positive} && !!(${sql.join(q.exclude.map(tsTerm), sql` || `)}))`;
}

/**
 * Ranks, counts and reads the page's entries in one statement: ts_rank_cd over every match is most of the work, and
 * a second statement for the page's ten rows cost another round trip and plan (planning was three times its run).
 * The outer query orders by the same keys as the ranking, so the page keeps its order. The matches are scored in a
 * subquery of their own (`offset 0` keeps the planner from merging it), so the count's window holds only (id, date,
 * score): with the score computed above it, the window kept every match's tsvector too and spilled to a temporary
 * file (`plan:*`: 5 MB written and read back a search).
 *
 * The statement is kept prepared on its connection (PREPARED): planning it was a fifth of a search's backend CPU, and
 * most of a rare word's. The tsquery is built once in a subquery of its own (`offset 0`), so that a generic plan,
 * where the words are parameters, computes it once rather than once per match for ts_rank_cd; the planner then does
 * not see the words, so every shape of search has the one plan whatever its words: the GIN index, then the filters.
 */
export async function rankPostgres(db: Kysely<Database>, q: ParsedQuery, conditions: RawBuilder<unknown>[], page: Page, sort: SearchSort = 'relevance'): Promise<RankedIds> {
  const tsq = toTsquery(q);
  const order = (score: RawBuilder<unknown>, date: RawBuilder<unknown>) => (sort === 'date' ? sql`${date} desc nulls last, ${score} desc` : sql`${score} desc, ${date} desc nulls last`);
  const rows = sort === 'date' ? await newestFirst(db, tsq, conditions, page) : await sql<Row>`${sql.raw(PREPARED)}
    select p.id, p.score, p.total, e.kind, e.ref_id, e.page, e.meeting_id, e.body_id, e.date, e.title, e.url, e.body,
      b.name as body_name, b.slug as body_slug, m.slug as meeting_slug, m.date as meeting_date, ${sql.raw(COUNTS_COLUMNS_PG)}
    from (select s.id, s.score, count(*) over () as total
          from (select e.id, e.date, ts_rank_cd(${sql.raw(`'${WEIGHTS}'`)}::float4[], e.tsv, t.q, 2) as score
                from (select ${tsq} as q offset 0) t, search_entry e
                where e.tsv @@ t.q and ${andAll(conditions)}
                offset 0) s
          order by ${order(sql`s.score`, sql`s.date`)}, s.id asc
          limit ${page.limit} offset ${page.offset}) p
    join search_entry e on e.id = p.id
    left join body b on b.id = e.body_id
    left join meeting m on m.id = e.meeting_id
    order by ${order(sql`p.score`, sql`e.date`)}, e.id asc`.execute(db);
  if (rows.rows.length || page.offset === 0) {
    return {
      total: Math.min(rows.rows[0]?.total ?? 0, TOTAL_CAP),
      ranked: rows.rows.map((r) => ({ id: r.id, score: r.score })),
      rows: rows.rows,
      ...(rows.rows.length ? { counts: countsOfColumns(rows.rows[0]) } : {}),
    };
  }
  const count = await sql<{ n: number }>`
    select count(*) as n from (select 1 from search_entry e where e.tsv @@ ${tsq} and ${andAll(conditions)} limit ${TOTAL_CAP}) x`.execute(db);
  return { total: count.rows[0]?.n ?? 0, ranked: [], rows: [] };
}

/**
 * Newest first: the page is decided by the dates, and a score only orders entries of the same date. So the matches are
 * found and counted without their scores (no tsvector read), the date of the last entry the page can reach is taken
 * from them (`cut`), and only the matches of that date or later are scored, each read again by its id: a page's worth
 * and the entries that share its dates, not every match. Same rows and order as scoring them all; 40 of the bench's
 * searches sorted newest first cost the backends 1.35-1.5 ms a request instead of 1.95-2.0.
 */
function newestFirst(db: Kysely<Database>, tsq: RawBuilder<unknown>, conditions: RawBuilder<unknown>[], page: Page) {
  return sql<Row>`${sql.raw(PREPARED)}
    with t as materialized (select ${tsq} as q),
    m as materialized (select e.id, e.date from t, search_entry e where e.tsv @@ t.q and ${andAll(conditions)}),
    cut as (select m.date from m order by m.date desc nulls last offset ${page.offset + page.limit - 1} limit 1)
    select p.id, p.score, (select count(*) from m) as total, e.kind, e.ref_id, e.page, e.meeting_id, e.body_id, e.date, e.title, e.url, e.body,
      b.name as body_name, b.slug as body_slug, mt.slug as meeting_slug, mt.date as meeting_date, ${sql.raw(COUNTS_COLUMNS_PG)}
    from (select m.id, m.date, (select ts_rank_cd(${sql.raw(`'${WEIGHTS}'`)}::float4[], x.tsv, t.q, 2) from search_entry x where x.id = m.id) as score
          from m, t
          where not exists (select 1 from cut) or (select cut.date from cut) is null or m.date >= (select cut.date from cut)
          order by m.date desc nulls last, score desc, m.id asc
          limit ${page.limit} offset ${page.offset}) p
    join search_entry e on e.id = p.id
    left join body b on b.id = e.body_id
    left join meeting mt on mt.id = e.meeting_id
    order by e.date desc nulls last, p.score desc, e.id asc`.execute(db);
}
