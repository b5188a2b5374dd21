// Where rate limits are counted. The choice (memory, database, Redis) follows the deployment; with REDIS_URL the
// counters live in Redis (127.0.0.1:6379 here), so two servers — two apps on two connections to one database —
// let 60 searches a minute through between them, not 60 each; and with Redis down, requests are still served.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseRateLimitBackend, countRequest, peekRequests, rateLimitBackendKind } from '../../src/services/rate-limits.js';
import { COUNTERS_FILE, openStore, SQLITE_FILE, type Store } from '../../src/store/db.js';
import { rateLimitCounter } from '../../src/store/rate-limit-count.js';
import { buildApp } from '../../src/web/app.js';
import publicPortal from '../../src/web/routes/public/index.js';

const REDIS_URL = process.env.MOOT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_REQUIRED = process.env.MOOT_TEST_REDIS === 'required';

async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `fn` with these environment settings, restoring the old ones after. */
async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const old = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(old)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

describe('rate-limit backends', () => {
  it('follows the deployment: memory for one SQLite process, the database for PostgreSQL or workers, Redis when set', () => {
    const sqlite = { dialect: 'sqlite' } as Store;
    const pg = { dialect: 'postgres' } as Store;
    expect(chooseRateLimitBackend(sqlite, {})).toBe('memory');
    expect(chooseRateLimitBackend(sqlite, { MOOT_WORKERS: '3' })).toBe('database');
    expect(chooseRateLimitBackend(pg, {})).toBe('database');
    expect(chooseRateLimitBackend(pg, { REDIS_URL })).toBe('redis');
    expect(chooseRateLimitBackend(pg, { REDIS_URL, MOOT_RATE_LIMITS: 'memory' })).toBe('memory');
    expect(() => chooseRateLimitBackend(pg, { MOOT_RATE_LIMITS: 'redis' })).toThrow('MOOT_RATE_LIMITS=redis needs REDIS_URL');
    expect(() => chooseRateLimitBackend(pg, { MOOT_RATE_LIMITS: 'files' })).toThrow('MOOT_RATE_LIMITS must be memory, database or redis, not "files"');
  });

  it('with REDIS_URL, two servers share one count of searches in Redis', async (ctx) => {
    if (!(await redisReachable())) {
      if (REDIS_REQUIRED) throw new Error(`Redis is required at ${REDIS_URL}`);
      ctx.skip(`no Redis at ${REDIS_URL}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'moot-redis-'));
    dirs.push(dir);
    // A client address of this run's own, so the keys are this test's.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const redis = new Redis(REDIS_URL);
    const stores: Store[] = [];
    try {
      await withEnv({ REDIS_URL, MOOT_RATE_LIMITS: undefined, MOOT_WORKERS: undefined }, async () => {
        for (let i = 0; i < 2; i++) stores.push(await openStore({ dataDir: dir, databaseUrl: null }));
        const apps = await Promise.all(stores.map((store) => buildApp({ store, logger: false, routes: [{ plugin: publicPortal }] })));
        try {
          await Promise.all(apps.map((a) => a.ready()));
          expect(stores.map((s) => rateLimitBackendKind(s))).toEqual(['redis', 'redis']);
          const statuses: number[] = [];
          for (let n = 0; n < 75; n++) {
            const r = await apps[n % 2].inject({ method: 'GET', url: '/search?q=planning', remoteAddress: ip });
            statuses.push(r.statusCode);
          }
          expect(statuses.filter((s) => s === 200).length).toBe(60);
          expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
          // The count is Redis's: one key for this client, holding every request of both servers.
          const keys = (await redis.keys(`moot-rate-limit:*${ip}*`));
          expect(keys.length).toBe(1);
          expect(Number(await redis.get(keys[0]))).toBe(75);
          expect(await redis.pttl(keys[0])).toBeGreaterThan(0);
          await redis.del(...keys);
        } finally {
          await Promise.all(apps.map((a) => a.close()));
        }
      });
    } finally {
      for (const s of stores) await s.close();
      redis.disconnect();
    }
  }, 60_000);

  it('with Redis unreachable, requests are still served (the limiter lets them through) and without waiting for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-redis-down-'));
    dirs.push(dir);
    await withEnv({ REDIS_URL: 'redis://127.0.0.1:1', MOOT_RATE_LIMITS: undefined, MOOT_WORKERS: undefined }, async () => {
      const store = await openStore({ dataDir: dir, databaseUrl: null });
      const app = await buildApp({ store, logger: false, routes: [{ plugin: publicPortal }] });
      try {
        await app.ready();
        expect(rateLimitBackendKind(store)).toBe('redis');
        const statuses: number[] = [];
        const times: number[] = [];
        for (let n = 0; n < 5; n++) {
          const t = performance.now();
          statuses.push((await app.inject({ method: 'GET', url: '/search?q=planning', remoteAddress: '10.0.0.7' })).statusCode);
          times.push(performance.now() - t);
        }
        expect(statuses).toEqual([200, 200, 200, 200, 200]);
        // Not held up waiting for Redis: a command fails at once while it is disconnected.
        expect(Math.max(...times.slice(1)), times.map((t) => t.toFixed(0)).join(' ')).toBeLessThan(1000);
      } finally {
        await app.close();
        await store.close();
      }
    });
  }, 60_000);
});

describe('rate-limit counters in the database', () => {
  it('two servers on one database, searched at once, let the limit through between them and no more', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-db-limits-'));
    dirs.push(dir);
    await withEnv({ REDIS_URL: undefined, MOOT_RATE_LIMITS: 'database', MOOT_WORKERS: undefined }, async () => {
      const stores = [await openStore({ dataDir: dir, databaseUrl: null }), await openStore({ dataDir: dir, databaseUrl: null })];
      const apps = await Promise.all(stores.map((store) => buildApp({ store, logger: false, routes: [{ plugin: publicPortal }] })));
      try {
        await Promise.all(apps.map((a) => a.ready()));
        expect(stores.map((s) => rateLimitBackendKind(s))).toEqual(['database', 'database']);
        // 90 searches at once from two client addresses, through both servers: each server counts the requests of
        // an event-loop turn together, and each address gets its 60.
        const asks = Array.from({ length: 180 }, (_, n) => apps[n % 2].inject({ method: 'GET', url: '/search?q=planning', remoteAddress: n % 3 ? '10.0.1.1' : '10.0.1.2' }));
        const responses = await Promise.all(asks);
        const through = (ip: string) => responses.filter((r, n) => (n % 3 ? '10.0.1.1' : '10.0.1.2') === ip && r.statusCode === 200).length;
        expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 429)).toBe(true);
        expect([through('10.0.1.1'), through('10.0.1.2')]).toEqual([60, 60]);
        expect((await peekRequests(stores[0], `moot:GET/search:10.0.1.1`)).current).toBe(120);
        const counter = rateLimitCounter(stores[0]);
        expect(counter.counted).toBe(90);
        expect(counter.groups).toBeLessThan(10); // 90 counts, a few commits
      } finally {
        await Promise.all(apps.map((a) => a.close()));
        for (const s of stores) await s.close();
      }
    });
  }, 60_000);
});

describe('rate-limit counters on SQLite', () => {
  it('are counted in a file of their own, so that counting commits nothing to the database (its readers keep their page caches)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-counters-'));
    dirs.push(dir);
    const stores = [await openStore({ dataDir: dir, databaseUrl: null }), await openStore({ dataDir: dir, databaseUrl: null })];
    const reader = new BetterSqlite3(join(dir, SQLITE_FILE), { readonly: true });
    try {
      // SQLite's data version moves when another connection commits to the file: what makes a reader drop its cache.
      const version = () => reader.pragma('data_version', { simple: true });
      const before = version();
      const counts = [];
      for (let i = 0; i < 6; i++) counts.push((await countRequest(stores[i % 2], 'search:10.0.0.9', 60_000)).current);
      expect(counts).toEqual([1, 2, 3, 4, 5, 6]); // one count between the two connections
      expect((await peekRequests(stores[0], 'search:10.0.0.9')).current).toBe(6);
      expect(version()).toBe(before);
      expect(existsSync(join(dir, COUNTERS_FILE))).toBe(true);
      expect(await stores[0].db.selectFrom('rate_limit').select('key').execute()).toEqual([]);
    } finally {
      reader.close();
      for (const s of stores) await s.close();
    }
  });

  it("wait for another process's write lock on the counters without sleeping in the event loop", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-counters-busy-'));
    dirs.push(dir);
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    await countRequest(store, 'search:10.0.0.8', 60_000); // the file and its table made
    const other = new BetterSqlite3(join(dir, COUNTERS_FILE));
    try {
      other.exec('begin immediate'); // as another process counting a request at that moment
      const ticks: number[] = [];
      const timer = setInterval(() => ticks.push(Date.now()), 2);
      setTimeout(() => other.exec('commit'), 60);
      const t = Date.now();
      const count = await countRequest(store, 'search:10.0.0.8', 60_000);
      clearInterval(timer);
      expect(count.current).toBe(2);
      expect(Date.now() - t).toBeLessThan(2000);
      // The event loop ran meanwhile (SQLite's busy handler would have slept in it until the lock was let go, and
      // here, where the lock is let go by this thread, for the whole busy timeout).
      expect(ticks.length).toBeGreaterThan(5);
    } finally {
      other.close();
      await store.close();
    }
  });
});
