// Moot's full-text search: one interface over SQLite FTS5 and PostgreSQL tsvector, giving the same results on both.
//   search(store, { text, kinds?, bodyIds?, from?, to?, limit?, offset?, viewer })
//   indexMeeting / indexDecision / indexPerson / rebuildSearchIndex keep the index in step with the record.
import type { Store } from '../db.js';
import { entryConditions, pageOf } from './filters.js';
import { rankPostgres } from './postgres.js';
import { parseQuery, positiveTerms } from './query.js';
import { makeSnippet } from './snippet.js';
import { rankSqlite } from './sqlite.js';
import type { SearchHit, SearchKind, SearchQuery, SearchResults } from './types.js';

export * from './types.js';
export { indexDecision, indexMeeting, indexPerson, rebuildSearchIndex, type RebuildProgress, type RebuildReport } from './indexer.js';
export { parseQuery, type ParsedQuery, type Term } from './query.js';
export { escapeHtml, makeSnippet } from './snippet.js';

/**
 * Searches the index. Empty, all-punctuation and all-stop-word queries give no results rather than an error; malformed
 * filters (a date not written YYYY-MM-DD, an unknown kind) throw a ValidationError naming the field.
 */
export async function search(store: Store, query: SearchQuery): Promise<SearchResults> {
  const conditions = entryConditions(query);
  const page = pageOf(query);
  const parsed = parseQuery(query.text);
  if (!parsed) return { total: 0, hits: [] };
  const rank = store.dialect === 'postgres' ? rankPostgres : rankSqlite;
  const { total, ranked } = await rank(store.db, parsed, conditions, page);
  if (!ranked.length) return { total, hits: [] };

  const rows = await store.db.selectFrom('search_entry')
    .select(['id', 'kind', 'ref_id', 'page', 'meeting_id', 'body_id', 'date', 'title', 'url', 'body'])
    .where('id', 'in', ranked.map((r) => r.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const terms = positiveTerms(parsed);
  const hits: SearchHit[] = [];
  for (const { id, score } of ranked) {
    const r = byId.get(id);
    if (!r) continue; // deleted between the two queries
    hits.push({
      kind: r.kind as SearchKind,
      refId: r.ref_id,
      title: r.title,
      url: r.url,
      page: r.page,
      meetingId: r.meeting_id,
      bodyId: r.body_id,
      date: r.date,
      snippet: makeSnippet(r.body || r.title, terms),
      score,
    });
  }
  return { total, hits };
}
