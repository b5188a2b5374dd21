// The rate-limit counts grouped by event-loop turn (rate-limit-count.ts): many callers and many keys in one write on
// either database, each caller its own count, never two the same for a key, across two stores on one database (two
// processes), and a new window after the last has ended.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { countHits, MAX_KEYS_A_GROUP, RateLimitCounter, rateLimitCounter } from '../../src/store/rate-limit-count.js';
import { readRateLimit } from '../../src/store/operations.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('rate-limit counts grouped on %s', (kind) => {
  const get = useTestStore(kind);

  it('count several hits on many keys in one go, each key in its own window', async (ctx) => {
    const { store } = get(ctx);
    const db = store.counters?.() ?? store.db;
    const first = await countHits(db, kind, [{ key: 'g:a', hits: 3, windowMs: 60_000 }, { key: 'g:b', hits: 1, windowMs: 10_000 }], 1_000);
    expect(Object.fromEntries(first)).toEqual({ 'g:a': { hits: 3, windowEnds: 61_000 }, 'g:b': { hits: 1, windowEnds: 11_000 } });
    // g:b's window has ended at 11,000: it starts again; g:a's goes on.
    const again = await countHits(db, kind, [{ key: 'g:b', hits: 2, windowMs: 10_000 }, { key: 'g:a', hits: 2, windowMs: 60_000 }, { key: 'g:c', hits: 1, windowMs: 60_000 }], 11_000);
    expect(Object.fromEntries(again)).toEqual({ 'g:a': { hits: 5, windowEnds: 61_000 }, 'g:b': { hits: 2, windowEnds: 21_000 }, 'g:c': { hits: 1, windowEnds: 71_000 } });
    expect(await readRateLimit(db, 'g:a', 12_000)).toEqual({ hits: 5, windowEnds: 61_000 });
  });

  it('give every caller of a turn its own count, many keys in one write, and count them together across two stores', async (ctx) => {
    const { store, location } = get(ctx);
    const other = await openStore(location);
    try {
      const counters = [rateLimitCounter(store), rateLimitCounter(other)];
      expect(rateLimitCounter(store)).toBe(counters[0]);
      const groupsBefore = counters.map((c) => c.groups);
      // 300 clients, 10 requests each, asked at once half through each store, in a different order on each (the
      // order two processes would lock the rows in if they did not take them in key order).
      const keys = Array.from({ length: 300 }, (_, i) => `many:${kind}:10.0.${i >> 8}.${i & 255}`);
      const asks: Promise<{ key: string; hits: number; windowEnds: number }>[] = [];
      for (let round = 0; round < 10; round++) {
        keys.forEach((key, i) => {
          const counter = counters[(i + round) % 2];
          const k = round % 2 ? keys[keys.length - 1 - i] : key;
          asks.push(counter.count(k, 60_000).then((c) => ({ key: k, ...c })));
        });
      }
      const results = await Promise.all(asks);
      const byKey = new Map<string, number[]>();
      for (const r of results) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.hits]);
      expect(byKey.size).toBe(300);
      for (const [, hits] of byKey) expect(hits.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // 3,000 counts in a handful of writes (one a turn of each store), not 3,000.
      const groups = counters.map((c, i) => c.groups - groupsBefore[i]);
      expect(groups[0] + groups[1]).toBeLessThanOrEqual(10);
      expect((await readRateLimit(store.counters?.() ?? store.db, keys[7])).hits).toBe(10);
    } finally {
      await other.close();
    }
  });

  it(`count more than ${MAX_KEYS_A_GROUP} keys asked in one turn in several writes`, async (ctx) => {
    const { store } = get(ctx);
    const counter = new RateLimitCounter(store);
    const keys = Array.from({ length: MAX_KEYS_A_GROUP + 5 }, (_, i) => `big:${i}`);
    const counts = await Promise.all([...keys, ...keys].map((k) => counter.count(k, 60_000)));
    expect(counts.slice(0, keys.length).every((c) => c.hits === 1)).toBe(true);
    expect(counts.slice(keys.length).every((c) => c.hits === 2)).toBe(true);
    expect(counter.groups).toBe(2);
    expect(counter.counted).toBe(2 * keys.length);
  });

  it('let no more than the limit through when the window ends and starts again', async (ctx) => {
    const { store } = get(ctx);
    const counter = new RateLimitCounter(store);
    // A limit of 5 in a window of 1 s: 8 requests at once, then 8 after the window has ended.
    const through = async (now: number) => (await Promise.all(Array.from({ length: 8 }, () => counter.count('limit:1', 1_000, now)))).filter((c) => c.hits <= 5).length;
    expect(await through(10_000)).toBe(5);
    expect(await through(10_500)).toBe(0);
    expect(await through(11_000)).toBe(5);
  });

  it('fail the callers of a group whose write fails, and count the next group', async (ctx) => {
    const { store } = get(ctx);
    const counter = new RateLimitCounter(store);
    // A window no column takes (NaN: SQLite binds it as null, PostgreSQL refuses it as a bigint): the write fails,
    // the callers of the keys in it are told, nothing of it stays counted, and the counter goes on.
    const counts = Promise.allSettled([counter.count('before-failure', 60_000), counter.count('failure', Number.NaN)]);
    expect((await counts).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await counter.count('after-failure', 60_000)).hits).toBe(1);
    expect((await counter.count('before-failure', 60_000)).hits).toBe(1);
  });
});

describe('rate-limit counts grouped on a closed store', () => {
  it('fail at once rather than wait for the counters', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'moot-closed-counters-'));
    try {
      const store = await openStore({ dataDir: dir, databaseUrl: null });
      const counter = new RateLimitCounter(store);
      expect((await counter.count('closed', 60_000)).hits).toBe(1);
      await store.close();
      const t = Date.now();
      await expect(counter.count('closed', 60_000)).rejects.toThrow('the store is closed');
      expect(Date.now() - t).toBeLessThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
