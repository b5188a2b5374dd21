// The rate-limit counters: counted the same on both databases; on PostgreSQL in an unlogged table (migration 028), so
// counting a request does not wait for the write-ahead log to reach the disk.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hitRateLimit, readRateLimit } from '../../src/store/operations.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('rate-limit counters on %s', (kind) => {
  const get = useTestStore(kind);

  it('count hits in a window and start again after it', async (ctx) => {
    const { store } = get(ctx);
    expect(await hitRateLimit(store.db, 'search:1', 60_000, 1_000)).toEqual({ hits: 1, windowEnds: 61_000 });
    expect(await hitRateLimit(store.db, 'search:1', 60_000, 2_000)).toEqual({ hits: 2, windowEnds: 61_000 });
    expect(await readRateLimit(store.db, 'search:1', 3_000)).toEqual({ hits: 2, windowEnds: 61_000 });
    expect(await hitRateLimit(store.db, 'search:1', 60_000, 61_000)).toEqual({ hits: 1, windowEnds: 121_000 });
    if (kind === 'postgres') {
      const t = await sql<{ relpersistence: string }>`select relpersistence from pg_class where oid = 'rate_limit'::regclass`.execute(store.db);
      expect(t.rows[0].relpersistence).toBe('u');
    }
  });
});
