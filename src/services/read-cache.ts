// Stored rows that are the same for every viewer, kept until the record changes (issue 17). A rendered page for a
// signed-in viewer is never kept; what is kept here is the viewer-independent input of a read model (the rows of a
// meeting, a person's page, a committee's page), keyed by the data version (store/read/version.ts), so a signed-in
// page still applies its viewer's visibility to them on every request. Safe by construction: nothing cached here
// is computed from a viewer, and any committed change to the record (from this process or another) moves its
// version on, which drops what the change can alter (services/change-scope.ts: a value tagged with what it is made
// from survives other changes; an untagged one is dropped by any change). Sign-in state (sessions, accounts) has a
// version of its own, emptied by any change, so a session's "last seen" touch does not empty the record's cache, and
// a sign-out or a disabled account is seen at once. Values are deep-frozen: a caller that tried to change a shared
// row would throw.
//
// Bounded: at most MAX_ENTRIES values a scope (the least recently used go first), so the server's memory stays flat
// however many pages are read between two writes.
import type { Store } from '../store/db.js';
import { CacheVersion, recordChanges, survives, type Explain } from './change-scope.js';
import { deepFreeze } from './frozen.js';
import { changeCounts, changeCountsNow, type ChangeCounts } from '../store/read/version.js';

const MAX_ENTRIES = 300;

/** A kept value: its load, and once that has finished, the value itself (for reads that cannot wait). */
interface Entry { value: Promise<unknown>; tags?: readonly string[]; loaded?: { value: unknown } }

class VersionedCache {
  entries = new Map<string, Entry>();
  at = new CacheVersion((stale) => {
    if (!stale) this.entries.clear();
    else for (const [k, e] of this.entries) if (!survives(e.tags, stale)) this.entries.delete(k);
  });

  constructor(private readonly explain: Explain | null) {}

  async get<T>(version: string, key: string, load: () => Promise<T>, tags?: readonly string[]): Promise<T> {
    if (version !== this.at.current) await this.at.moveTo(version, this.explain);
    // A caller that read an older version than the cache's: its own load, neither served from nor kept.
    if (version !== this.at.current) return deepFreeze(await load());
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    // Concurrent requests for the same key share one load; a failed load is not kept.
    const entry: Entry = { value: load().then((v) => { const value = deepFreeze(v); entry.loaded = { value }; return value; }), tags };
    this.entries.set(key, entry);
    entry.value.catch(() => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return entry.value as Promise<T>;
  }

  /** The value `get` would give at once, when it is kept and loaded at this version; undefined otherwise. */
  now(version: string, key: string): { value: unknown } | undefined {
    if (version !== this.at.current) return undefined;
    const hit = this.entries.get(key);
    if (!hit?.loaded) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.loaded;
  }
}

/** What a cached value is made from: the council's record, or sign-in state (sessions and accounts). */
export type ReadScope = keyof ChangeCounts;

const caches = new WeakMap<Store, Record<ReadScope, VersionedCache>>();

/** Options of a versioned read: what the value is made from (sign-in state or the record) and its tags. */
export interface ReadOptions {
  scope?: ReadScope;
  /** What a value of the record is made from (services/change-scope.ts); none: dropped by any change. */
  tags?: readonly string[];
  /**
   * The counters this request already read before any of its rows (a signed-in request's, with its session):
   * used instead of reading them again (issue 17). None: read now.
   */
  counts?: ChangeCounts | null;
}

/**
 * The result of `load` for this key at the current data version: loaded once per version (and shared by concurrent
 * callers), then reused until a change that can alter it is written. `load` must not depend on who is asking.
 */
export function versionedRead<T>(store: Store, key: string, load: () => Promise<T>, options: ReadOptions = {}): Promise<T> {
  if (options.counts) return versionedReadAt(store, options.counts, key, load, options);
  return changeCounts(store).then((counts) => versionedReadAt(store, counts, key, load, options));
}

/**
 * versionedRead with counts the caller read (changeCounts) before any of the rows it will use: one query for the
 * counts serves several reads of one request.
 */
export function versionedReadAt<T>(store: Store, counts: ChangeCounts, key: string, load: () => Promise<T>, { scope = 'record', tags }: ReadOptions = {}): Promise<T> {
  return cachesOf(store)[scope].get(counts[scope], key, load, scope === 'record' ? tags : undefined);
}

/**
 * What versionedReadAt would give for this key, without a promise, when the value is already kept and loaded at
 * these counters (the cache holds no other version and no load is pending); undefined otherwise: read with
 * versionedReadAt. For the one read every signed-in request makes, its session (issue 17).
 */
export function versionedReadNow<T>(store: Store, counts: ChangeCounts, key: string, scope: ReadScope = 'record'): { value: T } | undefined {
  return cachesOf(store)[scope].now(counts[scope], key) as { value: T } | undefined;
}

function cachesOf(store: Store): Record<ReadScope, VersionedCache> {
  let cache = caches.get(store);
  if (!cache) {
    const changes = recordChanges(store);
    caches.set(store, (cache = { record: new VersionedCache((from, to) => changes.between(from, to)), access: new VersionedCache(null) }));
  }
  return cache;
}

export { changeCounts, changeCountsNow, type ChangeCounts };
