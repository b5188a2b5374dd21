// SQLite ranks a bounded candidate set (FTS5's best-scored matches) before filtering; the answer must be exactly the
// one ranking every match gives, on every page, for every filter and viewer. With a candidate set of one, two or
// three entries the boundary and the fall-back to the full ranking are reached by almost every query here.
import { describe, expect, it } from 'vitest';
import { entryConditions } from '../../../src/store/search/filters.js';
import { rebuildSearchIndex } from '../../../src/store/search/index.js';
import { parseQuery } from '../../../src/store/search/query.js';
import { rankSqlite } from '../../../src/store/search/sqlite.js';
import type { SearchQuery } from '../../../src/store/search/types.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildFixture } from './fixture.js';

describe('bounded ranking on SQLite', () => {
  const get = useTestStore('sqlite');

  it('gives the same pages and totals as ranking every match', async (ctx) => {
    const { store } = get(ctx);
    const fx = await buildFixture(store.db);
    await rebuildSearchIndex(store);
    // Entries alike in every word score alike: ties at the candidates' boundary, ordered by date and id after the score.
    await store.db.insertInto('search_entry').values(Array.from({ length: 9 }, (_, i) => ({
      kind: i % 3 ? 'item' : 'page', ref_id: 9000 + i, page: i % 3 ? null : 1, meeting_id: fx.m1, body_id: fx.cabinet,
      date: `2013-0${1 + (i % 4)}-01`, exempt: i % 4 === 0 ? 1 : 0, title: 'Tied entry', url: `/tied/${i}`, body: 'A tied budget note',
    }))).execute();
    const texts = ['budget', 'budgets', 'monitoring', '"revenue budget"', 'consult*', 'library', 'museums OR depot', 'budget -capital',
      'acme', 'tied', 'tied budget', 'council', 'cabinet', 'meeting', 'maidstone', 'nowhere-to-be-found'];
    const filters: Partial<SearchQuery>[] = [{}, { kinds: ['page'] }, { kinds: ['item', 'minute'] }, { kinds: ['person'] }, { bodyIds: [fx.cabinet] }, { from: '2013-01-01' }];
    const viewers: SearchQuery['viewer'][] = [{ exemptMeetingIds: 'none' }, { exemptMeetingIds: 'all' }, { exemptMeetingIds: [fx.m1] }];
    let compared = 0;
    for (const text of texts) {
      const parsed = parseQuery(text)!;
      for (const filter of filters) for (const viewer of viewers) for (const [limit, offset] of [[2, 0], [2, 2], [3, 4], [10, 0], [1, 7], [5, 30]]) {
        const conditions = entryConditions({ text, ...filter, viewer });
        const page = { limit, offset };
        const everything = await rankSqlite(store.db, parsed, conditions, page, 'relevance', 1_000_000);
        for (const candidates of [1, 2, 3]) {
          expect(await rankSqlite(store.db, parsed, conditions, page, 'relevance', candidates), `${text} ${JSON.stringify({ filter, viewer, page, candidates })}`).toEqual(everything);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);

    // Newest first ranks only the matches dated on or after the page's last date: the same pages and totals as
    // ranking them all. Many entries on a few dates (and some undated): the page's last date is shared with entries before and after it.
    await store.db.insertInto('search_entry').values(Array.from({ length: 12 }, (_, i) => ({
      kind: i % 3 ? 'item' : 'page', ref_id: 9100 + i, page: i % 3 ? null : 1, meeting_id: fx.m1, body_id: fx.cabinet,
      date: i % 5 === 4 ? null : `2013-0${1 + (i % 3)}-01`, exempt: i % 4 === 0 ? 1 : 0, title: `Dated entry ${i % 2 ? 'budget' : ''}`,
      url: `/dated/${i}`, body: i % 2 ? 'A dated budget note' : 'A dated budget note, the budget again',
    }))).execute();
    const datedTexts = ['budget', 'dated', 'dated budget', 'council', 'consult*', 'museums OR depot', 'budget -capital', 'nowhere-to-be-found'];
    let datedCompared = 0;
    for (const text of datedTexts) {
      const parsed = parseQuery(text)!;
      for (const filter of filters) for (const viewer of viewers) for (const [limit, offset] of [[1, 0], [2, 0], [2, 2], [3, 4], [10, 0], [1, 7], [5, 30]]) {
        const conditions = entryConditions({ text, ...filter, viewer });
        const page = { limit, offset };
        const everything = await rankSqlite(store.db, parsed, conditions, page, 'date', undefined, false);
        expect(await rankSqlite(store.db, parsed, conditions, page, 'date'), `${text} ${JSON.stringify({ filter, viewer, page })}`).toEqual(everything);
        datedCompared++;
      }
    }
    expect(datedCompared).toBeGreaterThan(500);
  });
});
