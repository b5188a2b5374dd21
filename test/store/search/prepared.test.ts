// PostgreSQL keeps the ranking statement prepared on each connection (src/store/prepared.ts, db.ts) and, after five
// runs of a shape, runs its generic plan, in which the words are parameters. The answers must not change when it does:
// every query below is run ten times (on one connection, in a transaction, so that its plan cache sees every run) and
// each answer must equal the first, which PostgreSQL gave from a plan made for its own words.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { rebuildSearchIndex, search, type SearchQuery } from '../../../src/store/search/index.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildFixture } from './fixture.js';

describe('search on PostgreSQL with its statements kept prepared', () => {
  const get = useTestStore('postgres');

  it('gives the same answers from the generic plans as from the first runs', async (ctx) => {
    const { store } = get(ctx);
    const fx = await buildFixture(store.db);
    await rebuildSearchIndex(store);
    const queries: Omit<SearchQuery, 'viewer'>[] = [
      { text: 'budget' }, { text: 'consultation' }, { text: 'library' }, { text: 'nothing-like-this' },
      { text: 'budget', sort: 'date' }, { text: '"revenue budget"' }, { text: 'consult*' }, { text: 'museums OR depot' },
      { text: 'budget -capital' }, { text: 'budget', kinds: ['item', 'page'], from: '2013-01-01' }, { text: 'libraries', bodyIds: [fx.cabinet] },
      { text: 'programme', limit: 2, offset: 1 }, { text: 'budget', limit: 3, offset: 2 },
    ];
    const viewers: SearchQuery['viewer'][] = [{ exemptMeetingIds: 'none' }, { exemptMeetingIds: 'all' }, { exemptMeetingIds: [fx.m1] }];
    const generic = await store.db.transaction().execute(async (tx) => {
      const onTx = { ...store, db: tx };
      const first = new Map<string, unknown>();
      for (let run = 0; run < 10; run++) {
        for (const q of queries) for (const viewer of viewers) {
          const key = JSON.stringify({ q, viewer });
          const r = await search(onTx, { ...q, viewer });
          if (run === 0) first.set(key, r);
          else expect(r, `${key}, run ${run + 1}`).toEqual(first.get(key));
        }
      }
      // The ranking statements are prepared on this connection, and PostgreSQL runs their generic plans.
      const rows = await sql<{ n: number; generic: number }>`
        select count(*)::int as n, coalesce(sum(generic_plans), 0)::int as generic from pg_prepared_statements
        where statement like '/* moot:prepared */%'`.execute(tx);
      return rows.rows[0];
    });
    expect(generic.n).toBeGreaterThan(3);
    expect(generic.generic).toBeGreaterThan(0);
  });
});
