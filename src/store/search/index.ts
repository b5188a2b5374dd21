// Moot's full-text search: one interface over SQLite FTS5 and PostgreSQL tsvector, giving the same results on both.
//   search(store, { text, kinds?, bodyIds?, from?, to?, limit?, offset?, viewer })
//   indexMeeting / indexDecision / indexPerson / rebuildSearchIndex keep the index in step with the record.
import type { Store } from '../db.js';
import { entryConditions, pageOf } from './filters.js';
import { rankPostgres } from './postgres.js';
import { parseQuery, positiveTerms } from './query.js';
import { makeSnippet } from './snippet.js';
import { rankSqlite } from './sqlite.js';
import { SEARCH_SORTS, type SearchHit, type SearchKind, type SearchQuery, type SearchResults } from './types.js';
import { ValidationError } from '../../errors.js';

export * from './types.js';
export { indexDecision, indexMeeting, indexPerson, indexReview, rebuildSearchIndex, type RebuildProgress, type RebuildReport } from './indexer.js';
export { parseQuery, type ParsedQuery, type Term } from './query.js';
export { escapeHtml, makeSnippet } from './snippet.js';

/**
 * Searches the index. Empty, all-punctuation and all-stop-word queries give no results rather than an error; malformed
 * filters (a date not written YYYY-MM-DD, an unknown kind) throw a ValidationError naming the field.
 */
export async function search(store: Store, query: SearchQuery): Promise<SearchResults> {
  if (query.sort !== undefined && !(SEARCH_SORTS as readonly string[]).includes(query.sort)) throw new ValidationError(`sort must be ${SEARCH_SORTS.join(' or ')}`, 'sort');
  const conditions = entryConditions(query);
  const page = pageOf(query);
  const parsed = parseQuery(query.text);
  if (!parsed) return { total: 0, hits: [] };
  // SQLite's ranking is CPU-bound and synchronous: run it on a search thread when the store has them (not inside a
  // transaction, whose uncommitted writes only its own connection sees).
  if (store.searchThreads && !store.db.isTransaction) {
    const results = await store.searchThreads.search(query);
    if (results) return results;
  }
  const rank = store.dialect === 'postgres' ? rankPostgres : rankSqlite;
  const { total, ranked, rows, counts } = await rank(store.db, parsed, conditions, page, query.sort ?? 'relevance');
  if (!ranked.length) return { total, hits: [] };
  const byId = new Map(rows.map((r) => [r.id, r]));
  const terms = positiveTerms(parsed);
  const hits: SearchHit[] = [];
  for (const { id, score } of ranked) {
    const r = byId.get(id);
    if (!r) continue; // deleted between the ranking and the read of its rows (two statements on SQLite)
    hits.push({
      kind: r.kind as SearchKind,
      refId: r.ref_id,
      title: r.title,
      url: r.url,
      page: r.page,
      meetingId: r.meeting_id,
      bodyId: r.body_id,
      date: r.date,
      bodyName: r.body_name,
      bodySlug: r.body_slug,
      meeting: r.meeting_slug && r.meeting_date ? { slug: r.meeting_slug, date: r.meeting_date } : null,
      snippet: makeSnippet(r.body || r.title, terms),
      score,
    });
  }
  return counts ? { total, hits, counts } : { total, hits };
}
