// Rate limits shared by every process. Where the counters live, for every @fastify/rate-limit registration
// (web and API alike):
//   - Redis when REDIS_URL is set (any number of processes and machines);
//   - the database when several processes may share it (PostgreSQL, or `moot serve --workers N` on SQLite, where
//     they are in a file of their own beside it: store/db.ts, Store.counters), so two processes do not let twice
//     the sign-in attempts through;
//   - this process's memory for one process on SQLite.
// MOOT_RATE_LIMITS=memory|database|redis overrides the choice.
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor, RateLimitPluginOptions } from '@fastify/rate-limit';
import { createRequire } from 'node:module';
import { MootError } from '../errors.js';
import type { Store } from '../store/db.js';
import { readRateLimit } from '../store/operations.js';
import { rateLimitCounter } from '../store/rate-limit-count.js';

/** Where the counters are: the store's counters file on SQLite (Store.counters), else the database. */
const countersOf = (store: Store) => store.counters?.() ?? store.db;

/** Counts a request against `key` in a fixed window of `windowMs`; returns the hits so far and ms left. */
export async function countRequest(store: Store, key: string, windowMs: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
  // Counted with the other counts of this event-loop turn, any keys: one commit or one round trip for them all.
  const r = await rateLimitCounter(store).count(key, windowMs, now);
  // The window may have been opened by a request that read the clock a moment after this one did and reached the
  // database first, so it can end up to that moment later than now + windowMs: what is left never exceeds the window.
  return { current: r.hits, ttl: Math.min(windowMs, Math.max(0, r.windowEnds - now)) };
}

export async function peekRequests(store: Store, key: string): Promise<{ current: number; ttl: number }> {
  const now = Date.now();
  const r = await readRateLimit(countersOf(store), key, now);
  return { current: r.hits, ttl: Math.max(0, r.windowEnds - now) };
}

export type RateLimitBackend = 'memory' | 'database' | 'redis';

export function chooseRateLimitBackend(store: Store, env: NodeJS.ProcessEnv = process.env): RateLimitBackend {
  const forced = env.MOOT_RATE_LIMITS;
  if (forced) {
    if (forced !== 'memory' && forced !== 'database' && forced !== 'redis') throw new MootError(`MOOT_RATE_LIMITS must be memory, database or redis, not "${forced}"`);
    if (forced === 'redis' && !env.REDIS_URL) throw new MootError('MOOT_RATE_LIMITS=redis needs REDIS_URL');
    return forced;
  }
  if (env.REDIS_URL) return 'redis';
  if (store.dialect === 'postgres' || env.MOOT_WORKERS) return 'database';
  return 'memory';
}

function databaseStore(store: Store): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly prefix: string;
    constructor(_options: FastifyRateLimitOptions, prefix = 'moot:') {
      this.prefix = prefix;
    }
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countRequest(store, this.prefix + key, timeWindow).then((r) => callback(null, r), (e: Error) => callback(e));
    }
    read(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void): void {
      peekRequests(store, this.prefix + key).then((r) => callback(null, r), (e: Error) => callback(e));
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin passes the route's merged options with the route itself under routeInfo.
      const route = (routeOptions as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = [route?.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore({}, `${this.prefix}${method}${route?.url ?? ''}:`);
    }
  }
  return DatabaseRateLimitStore;
}

interface Backend {
  kind: RateLimitBackend;
  options: Partial<RateLimitPluginOptions>;
  close(): Promise<void>;
}

const backends = new WeakMap<Store, Backend>();

/** Options to spread into every `app.register(rateLimit, …)`: the shared counter store, chosen once per store. */
export function rateLimitBackend(store: Store): Partial<RateLimitPluginOptions> {
  let b = backends.get(store);
  if (!b) {
    const kind = chooseRateLimitBackend(store);
    if (kind === 'redis') {
      // A count that Redis has not answered within 500 ms (also one queued while Redis is unreachable) fails, and
      // the request goes through (skipOnError), instead of waiting for a reconnection that backs off for longer
      // each time (measured without it: 1 s, then 5 s, then 10 s a search). ioredis keeps reconnecting, and
      // counting resumes when Redis is back. ioredis is loaded here, only when Redis is configured: imported at start
      // it was in every server process's memory (issue 17).
      const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
      const redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 500, enableOfflineQueue: true, lazyConnect: false });
      redis.on('error', () => { /* reported by the limiter (skipOnError lets requests through) and by /readyz */ });
      b = { kind, options: { redis, nameSpace: 'moot-rate-limit:', skipOnError: true }, close: async () => { redis.disconnect(); } };
    } else if (kind === 'database') {
      b = { kind, options: { store: databaseStore(store), skipOnError: true }, close: async () => undefined };
    } else {
      b = { kind, options: {}, close: async () => undefined };
    }
    backends.set(store, b);
  }
  return b.options;
}

export function rateLimitBackendKind(store: Store): RateLimitBackend | null {
  return backends.get(store)?.kind ?? null;
}

/** Closes the Redis connection (if any) when the app closes. */
export async function closeRateLimitBackend(store: Store): Promise<void> {
  const b = backends.get(store);
  backends.delete(store);
  await b?.close();
}
