// The same queries over the same archive give the same hits in the same order on SQLite and PostgreSQL. The two rank
// with different formulas (bm25 and ts_rank_cd, tuned to agree), so hits of nearly equal relevance can swap places on
// other data: "transport plan" over this archive puts the decision 2nd on SQLite and 5th on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildSearchIndex, search, type SearchQuery } from '../../../src/store/search/index.js';
import { openTestStore, type TestStore } from '../../helpers/stores.js';
import { buildFixture, type Fixture } from './fixture.js';

type Case = { text: string } & Partial<Omit<SearchQuery, 'text'>>;

function cases(fx: Fixture): Case[] {
  return [
    { text: 'budget' },
    { text: 'budget', sort: 'date' },
    { text: 'budgets' },
    { text: 'monitoring' },
    { text: '"revenue budget"' },
    { text: '"local transport" -cycling', kinds: ['item', 'minute', 'page'] },
    { text: 'consult*' },
    { text: 'muse*' },
    { text: 'library' },
    { text: 'museums OR depot', viewer: { exemptMeetingIds: 'all' } },
    { text: 'budget -capital' },
    { text: 'acme', viewer: { exemptMeetingIds: [fx.m1] } },
    { text: 'latchford' },
    { text: '12/00001' },
    { text: 'maidstone' },
    { text: 'consultation' },
    { text: 'libraries', bodyIds: [fx.cabinet] },
    { text: 'budget', from: '2013-01-01', kinds: ['item', 'page'] },
    { text: 'programme', limit: 2, offset: 1 },
    { text: 'sessions house' },
  ];
}

describe('search parity between SQLite and PostgreSQL', () => {
  let sqlite: TestStore | null = null;
  let postgres: TestStore | null = null;
  let fx: Fixture;
  beforeAll(async () => {
    sqlite = await openTestStore('sqlite');
    postgres = await openTestStore('postgres');
    if (!sqlite || !postgres) return;
    for (const t of [sqlite, postgres]) {
      fx = await buildFixture(t.store.db);
      await rebuildSearchIndex(t.store);
    }
  });
  afterAll(async () => {
    await sqlite?.cleanup();
    await postgres?.cleanup();
  });

  it('returns the same ordered hits, totals and snippets for every test query', async (ctx) => {
    if (!sqlite || !postgres) return ctx.skip('PostgreSQL is not available');
    const list = cases(fx);
    expect(list.length).toBeGreaterThanOrEqual(15);
    for (const c of list) {
      const q: SearchQuery = { viewer: { exemptMeetingIds: 'none' }, limit: 50, ...c };
      const [a, b] = await Promise.all([search(sqlite.store, q), search(postgres.store, q)]);
      const view = (r: typeof a) => ({ total: r.total, hits: r.hits.map((h) => `${h.kind}:${h.refId}:${h.page ?? '-'} ${h.snippet}`) });
      expect(a.hits.length, c.text).toBeGreaterThan(0);
      expect(view(b), JSON.stringify(c)).toEqual(view(a));
    }
  });
});
