// SQLite searches run on worker threads with read-only connections (src/store/search/threads.ts). A thread must
// answer exactly what the calling thread answers — hits, order, totals, snippets, and exempt entries only for those
// entitled — and see every write committed before the search started.
import { afterAll, describe, expect, it } from 'vitest';
import { rebuildSearchIndex, search, type SearchQuery } from '../../../src/store/search/index.js';
import { defaultSearchThreads, startSearchThreads, type SearchThreads } from '../../../src/store/search/threads.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildFixture } from './fixture.js';

describe('search threads on SQLite', () => {
  const get = useTestStore('sqlite');
  let threads: SearchThreads | null = null;
  afterAll(async () => {
    await threads?.close();
  });
  // The store with two threads of its own (tests run without them by default: see defaultSearchThreads).
  const threaded = (ctx: Parameters<typeof get>[0]) => {
    const { store } = get(ctx);
    threads ??= startSearchThreads(store.file!, 2)!;
    return { ...store, searchThreads: threads };
  };

  it('give the answers the calling thread gives, for every viewer, filter and page', async (ctx) => {
    const store = threaded(ctx);
    const fx = await buildFixture(store.db);
    await rebuildSearchIndex(store);
    const here = get(ctx).store;
    expect(here.searchThreads).toBeUndefined();
    const viewers: SearchQuery['viewer'][] = [{ exemptMeetingIds: 'none' }, { exemptMeetingIds: 'all' }, { exemptMeetingIds: [fx.m1] }, { exemptMeetingIds: [], exemptBodyIds: [fx.cabinet] }];
    const texts = ['budget', 'budgets', '"revenue budget"', 'consult*', 'museums OR depot', 'budget -capital', 'acme', 'zephyrine', 'latchford', 'nowhere'];
    let compared = 0;
    const asked: [SearchQuery, unknown][] = [];
    for (const text of texts) for (const viewer of viewers) for (const extra of [{}, { kinds: ['page' as const] }, { sort: 'date' as const, limit: 2, offset: 1 }, { bodyIds: [fx.cabinet], from: '2012-01-01' }]) {
      const q: SearchQuery = { text, viewer, ...extra };
      const threaded = await store.searchThreads!.search(q);
      expect(threaded, 'a thread answered').not.toBeNull();
      expect(threaded, JSON.stringify(q)).toEqual(await search(here, q));
      asked.push([q, threaded]);
      compared++;
    }
    expect(compared).toBe(160);
    // All at once: most wait in the threads' one queue, and each still gets its own answer.
    const together = await Promise.all(asked.map(([q]) => store.searchThreads!.search(q)));
    expect(together).toEqual(asked.map(([, a]) => a));
    // Exempt material reaches a thread's answer only for a viewer entitled to it.
    expect((await search(store, { text: 'acme', viewer: { exemptMeetingIds: 'none' } })).total).toBe(0);
    expect((await search(store, { text: 'acme', viewer: { exemptMeetingIds: [fx.m1] } })).total).toBeGreaterThan(0);
  });

  it('see a write as soon as it is committed', async (ctx) => {
    const store = threaded(ctx);
    const q: SearchQuery = { text: 'quetzalcoatl', viewer: { exemptMeetingIds: 'none' } };
    expect((await search(store, q)).total).toBe(0);
    await store.db.insertInto('search_entry').values({ kind: 'person', ref_id: 999_999, page: null, meeting_id: null, body_id: null, date: null, exempt: 0,
      title: 'Quetzalcoatl', url: '/people/q', body: 'A new entry' }).execute();
    const found = await store.searchThreads!.search(q);
    expect(found?.hits.map((h) => h.title)).toEqual(['Quetzalcoatl']);
  });

  it('are one per core for a single process, and none where the processes keep every core busy', () => {
    // One process: its event loop is light, its searches go to a thread per core (at most four).
    expect(defaultSearchThreads({}, 2)).toBe(2);
    expect(defaultSearchThreads({}, 8)).toBe(4);
    expect(defaultSearchThreads({ MOOT_WORKERS: '1' }, 2)).toBe(2);
    // `moot serve --workers N` (MOOT_WORKERS=N): the cores shared among the processes; none when there are no more
    // cores than processes, as each process then searches on its event loop.
    expect(defaultSearchThreads({ MOOT_WORKERS: '2' }, 4)).toBe(2);
    expect(defaultSearchThreads({ MOOT_WORKERS: '3' }, 4)).toBe(1);
    expect(defaultSearchThreads({ MOOT_WORKERS: '2' }, 2)).toBe(0);
    expect(defaultSearchThreads({ MOOT_WORKERS: '4' }, 2)).toBe(0);
    expect(defaultSearchThreads({}, 1)).toBe(0);
    expect(defaultSearchThreads({ MOOT_WORKERS: '' }, 2)).toBe(2);
  });

  it('are not started where none are wanted, and the caller then searches itself', async () => {
    expect(startSearchThreads('unused.sqlite', 0)).toBeNull();
    expect(defaultSearchThreads({ MOOT_SEARCH_THREADS: '0' })).toBe(0);
    expect(defaultSearchThreads({ MOOT_SEARCH_THREADS: '3' })).toBe(3);
    expect(defaultSearchThreads({ MOOT_SEARCH_THREADS: '2', MOOT_WORKERS: '2' }, 2)).toBe(2);
    const threads = startSearchThreads('/nonexistent/moot.sqlite', 1)!;
    expect(await threads.search({ text: 'budget', viewer: { exemptMeetingIds: 'none' } })).toBeNull();
    await threads.close();
  });
});
