// Counting rate-limited requests in the shared counters (the rate_limit table: PostgreSQL's unlogged table, or on
// SQLite the counters' own file, Store.counters), grouped: the counts asked for in one event-loop turn, for any keys,
// go to the database together, as one write transaction on SQLite (one commit instead of one a count) and one
// statement on PostgreSQL (one round trip). Each caller still gets its own count: a key asked for n times in a group
// is counted n at once, atomically, and its callers get the n counts in turn, so however many processes count at
// once, no two callers of a key get the same count and the counts add up across them (a limit of N lets N through).
import { CompiledQuery } from 'kysely';
import type { Dialect, Queryable, Store } from './db.js';
import { PREPARED } from './prepared.js';

/** A key's count after hits were counted: the hits in its window so far and when that window ends. */
export interface RateLimitCount {
  hits: number;
  windowEnds: number;
}

/** `hits` more on `key`, in a window of `windowMs`. */
export interface RateLimitHits {
  key: string;
  hits: number;
  windowMs: number;
}

/**
 * The counting rule, the same on both databases: `hits` more on the key in its window, or a new window of `hits`
 * from `now` when its window has ended (or the key is new). `now` is how the dialect refers to the clock reading.
 */
const countingRule = (now: string) => `on conflict (key) do update set
  hits = case when rate_limit.window_ends <= ${now} then excluded.hits else rate_limit.hits + excluded.hits end,
  window_ends = case when rate_limit.window_ends <= ${now} then excluded.window_ends else rate_limit.window_ends end
  returning key, hits, window_ends`;

/**
 * SQLite: one key a run (key, hits, window end, now, now: better-sqlite3 binds only unnumbered parameters in order),
 * many runs in one transaction (Store.writeCountersNow).
 */
export const SQLITE_COUNT = `insert into rate_limit (key, hits, window_ends) values (?, ?, ?) ${countingRule('?')}`;
const sqliteParameters = (h: RateLimitHits, now: number) => [h.key, h.hits, now + h.windowMs, now, now];

/**
 * PostgreSQL: any number of keys in one statement, as arrays ($1 keys, $2 hits, $3 window ends, $4 now), kept
 * prepared (prepared.ts): one text whatever the number of keys. The rows are taken in key order, so that two
 * statements counting some of the same keys at once lock their rows in the same order (and never wait for each other
 * in a cycle).
 */
export const POSTGRES_COUNT = `${PREPARED} insert into rate_limit (key, hits, window_ends)
  select * from unnest($1::text[], $2::integer[], $3::bigint[]) order by 1 ${countingRule('$4::bigint')}`;

/** Keys a group counts at most; more wait for the next group. */
export const MAX_KEYS_A_GROUP = 1000;

/** Counts the hits (each key at most once) at `now` on `db` (the counters' database or a transaction) and gives each key's count. */
export async function countHits(db: Queryable, dialect: Dialect, hits: RateLimitHits[], now: number): Promise<Map<string, RateLimitCount>> {
  const counts = new Map<string, RateLimitCount>();
  const add = (row: { key: string; hits: number | string; window_ends: number | string }) => counts.set(row.key, { hits: Number(row.hits), windowEnds: Number(row.window_ends) });
  if (dialect === 'postgres') {
    const r = await db.executeQuery<{ key: string; hits: number; window_ends: number }>(CompiledQuery.raw(POSTGRES_COUNT, [
      hits.map((h) => h.key), hits.map((h) => h.hits), hits.map((h) => now + h.windowMs), now,
    ]));
    for (const row of r.rows) add(row);
  } else {
    for (const h of hits) {
      const r = await db.executeQuery<{ key: string; hits: number; window_ends: number }>(CompiledQuery.raw(SQLITE_COUNT, sqliteParameters(h, now)));
      for (const row of r.rows) add(row);
    }
  }
  if (counts.size !== hits.length) throw new Error('the rate-limit count returned no row');
  return counts;
}

interface Waiter {
  now: number;
  resolve: (count: RateLimitCount) => void;
  reject: (error: Error) => void;
}

interface Pending {
  windowMs: number;
  waiters: Waiter[];
}

/**
 * How long a group that finds another process holding the counters' write lock (SQLite) keeps trying: as
 * BusyRetry (sqlite-dialect.ts), after the event loop's other work three times, then every millisecond.
 */
const BUSY_MS = 10_000;

/** The counts of one store, grouped by event-loop turn. */
export class RateLimitCounter {
  #pending = new Map<string, Pending>();
  #scheduled = false;
  #running = false;
  /** Groups counted and counts in them, since the counter was made (for measuring). */
  groups = 0;
  counted = 0;

  constructor(private readonly store: Store) {}

  /** Counts one hit on `key` (a window of `windowMs` that starts at `now` if a new one starts). */
  count(key: string, windowMs: number, now = Date.now()): Promise<RateLimitCount> {
    return new Promise((resolve, reject) => {
      let p = this.#pending.get(key);
      if (p && p.windowMs !== windowMs) {
        // The same key with another window (not something the routes do): counted in a group of its own, later.
        setImmediate(() => this.count(key, windowMs, now).then(resolve, reject));
        return;
      }
      if (!p) this.#pending.set(key, (p = { windowMs, waiters: [] }));
      p.waiters.push({ now, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush(Date.now() + BUSY_MS, 0);
    });
  }

  /** Takes up to MAX_KEYS_A_GROUP keys' waiting counts. */
  #take(): [string, Pending][] {
    const group: [string, Pending][] = [];
    for (const entry of this.#pending) {
      group.push(entry);
      this.#pending.delete(entry[0]);
      if (group.length >= MAX_KEYS_A_GROUP) break;
    }
    return group;
  }

  async #flush(deadline: number, tries: number): Promise<void> {
    this.#running = true;
    const group = this.#take();
    // The group counts at the latest clock reading of its callers (each reads it when its request is counted).
    let now = 0;
    for (const [, p] of group) for (const w of p.waiters) if (w.now > now) now = w.now;
    const hits = group.map(([key, p]) => ({ key, hits: p.waiters.length, windowMs: p.windowMs }));
    let counts: Map<string, RateLimitCount> | null;
    try {
      counts = await this.#write(hits, now);
    } catch (e) {
      counts = null;
      for (const [, p] of group) for (const w of p.waiters) w.reject(e as Error);
      this.#done();
      return;
    }
    if (!counts) {
      // Busy (SQLite: another process holds the counters' write lock): nothing was counted; again later, with what
      // has come in meanwhile.
      if (Date.now() >= deadline) {
        const error = Object.assign(new Error('the rate-limit counters stayed locked'), { code: 'SQLITE_BUSY' });
        for (const [, p] of group) for (const w of p.waiters) w.reject(error);
        this.#done();
        return;
      }
      this.#putBack(group);
      if (tries < 3) setImmediate(() => void this.#flush(deadline, tries + 1));
      else setTimeout(() => void this.#flush(deadline, tries + 1), 1);
      return;
    }
    this.groups++;
    for (const [key, p] of group) {
      const c = counts.get(key);
      if (!c) {
        for (const w of p.waiters) w.reject(new Error('the rate-limit count returned no row'));
        continue;
      }
      const first = c.hits - p.waiters.length + 1;
      p.waiters.forEach((w, i) => {
        this.counted++;
        w.resolve({ hits: first + i, windowEnds: c.windowEnds });
      });
    }
    this.#done();
  }

  /** Puts a group that was not counted back before what came in meanwhile (its callers asked first). */
  #putBack(group: [string, Pending][]): void {
    const later = this.#pending;
    this.#pending = new Map(group);
    for (const [key, p] of later) {
      const mine = this.#pending.get(key);
      if (mine && mine.windowMs === p.windowMs) mine.waiters.push(...p.waiters);
      else if (mine) for (const w of p.waiters) setImmediate(() => this.count(key, p.windowMs, w.now).then(w.resolve, w.reject));
      else this.#pending.set(key, p);
    }
  }

  #done(): void {
    this.#running = false;
    if (this.#pending.size) this.#schedule();
  }

  /** Counts a group: null when SQLite's counters were locked by another connection (nothing counted). */
  async #write(hits: RateLimitHits[], now: number): Promise<Map<string, RateLimitCount> | null> {
    const { store } = this;
    if (store.writeCountersNow) {
      const rows = store.writeCountersNow(SQLITE_COUNT, hits.map((h) => sqliteParameters(h, now)));
      if (!rows) return null;
      const counts = new Map<string, RateLimitCount>();
      for (const row of rows) {
        const [key, n, ends] = row as [string, number, number];
        counts.set(key, { hits: n, windowEnds: ends });
      }
      return counts;
    }
    return countHits(store.counters?.() ?? store.db, store.dialect, hits, now);
  }
}

const counters = new WeakMap<Store, RateLimitCounter>();

/** The store's rate-limit counter (one a store, so that all of a process's counts are grouped together). */
export function rateLimitCounter(store: Store): RateLimitCounter {
  let c = counters.get(store);
  if (!c) counters.set(store, (c = new RateLimitCounter(store)));
  return c;
}
