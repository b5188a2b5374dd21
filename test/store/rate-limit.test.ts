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
    expect(await hitRateLimit(store.db, kind, 'search:1', 60_000, 1_000)).toEqual({ hits: 1, windowEnds: 61_000 });
    expect(await hitRateLimit(store.db, kind, 'search:1', 60_000, 2_000)).toEqual({ hits: 2, windowEnds: 61_000 });
    expect(await readRateLimit(store.db, 'search:1', 3_000)).toEqual({ hits: 2, windowEnds: 61_000 });
    expect(await hitRateLimit(store.db, kind, 'search:1', 60_000, 61_000)).toEqual({ hits: 1, windowEnds: 121_000 });
    if (kind === 'postgres') {
      const t = await sql<{ relpersistence: string }>`select relpersistence from pg_class where oid = 'rate_limit'::regclass`.execute(store.db);
      expect(t.rows[0].relpersistence).toBe('u');
    }
  });

  it('count the same when the statement is kept prepared (PostgreSQL: its generic plan from the sixth run)', async (ctx) => {
    const { store } = get(ctx);
    // One connection (a transaction), so that its prepared statement sees every run; a window ends after the seventh.
    const statements = await store.db.transaction().execute(async (tx) => {
      for (let i = 1; i <= 7; i++) expect(await hitRateLimit(tx, kind, 'search:prepared', 10_000, i * 1_000)).toEqual({ hits: i, windowEnds: 11_000 });
      for (let i = 1; i <= 5; i++) expect(await hitRateLimit(tx, kind, 'search:prepared', 10_000, 11_000 + i)).toEqual({ hits: i, windowEnds: 21_001 });
      if (kind !== 'postgres') return null;
      const rows = await sql<{ generic: number }>`select generic_plans::int as generic from pg_prepared_statements
        where statement like '/* moot:prepared */ insert into rate_limit%'`.execute(tx);
      return rows.rows;
    });
    if (kind === 'postgres') {
      expect(statements).toHaveLength(1);
      expect(statements![0].generic).toBeGreaterThan(0);
    }
  });
});
