// Stored rows that are the same for every viewer, kept until the record changes (issue 17). A rendered page for a
// signed-in viewer is never kept; what is kept here is the viewer-independent input of a read model (the rows of a
// meeting, a person's page, a committee's page), keyed by the data version (store/read/version.ts), so a signed-in
// page still applies its viewer's visibility to them on every request. Safe by construction: nothing cached here
// is computed from a viewer, and any committed change to the record (from this process or another) moves its
// version on, which empties the cache. Sign-in state (sessions, accounts) has a version of its own, so a session's
// "last seen" touch does not empty the record's cache, and a sign-out or a disabled account is seen at once.
// Values are deep-frozen: a caller that tried to change a shared row would throw.
//
// Bounded: at most MAX_ENTRIES values a scope (the least recently used go first), so the server's memory stays flat
// however many pages are read between two writes.
import type { Store } from '../store/db.js';
import { deepFreeze } from './frozen.js';
import { changeCounts, type ChangeCounts } from '../store/read/version.js';

const MAX_ENTRIES = 300;

class VersionedCache {
  version = '';
  entries = new Map<string, Promise<unknown>>();

  get<T>(version: string, key: string, load: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    // Concurrent requests for the same key share one load; a failed load is not kept.
    const loading = load().then(deepFreeze);
    this.entries.set(key, loading);
    loading.catch(() => { if (this.entries.get(key) === loading) this.entries.delete(key); });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }
}

/** What a cached value is made from: the council's record, or sign-in state (sessions and accounts). */
export type ReadScope = keyof ChangeCounts;

const caches = new WeakMap<Store, Record<ReadScope, VersionedCache>>();

/**
 * The result of `load` for this key at the current data version: loaded once per version (and shared by concurrent
 * callers), then reused until anything is written. `load` must not depend on who is asking.
 */
export async function versionedRead<T>(store: Store, key: string, load: () => Promise<T>, scope: ReadScope = 'record'): Promise<T> {
  return versionedReadAt(store, await changeCounts(store), key, load, scope);
}

/**
 * versionedRead with counts the caller read (changeCounts) before any of the rows it will use: one query for the
 * counts serves several reads of one request.
 */
export function versionedReadAt<T>(store: Store, counts: ChangeCounts, key: string, load: () => Promise<T>, scope: ReadScope = 'record'): Promise<T> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = { record: new VersionedCache(), access: new VersionedCache() }));
  return cache[scope].get(counts[scope], key, load);
}

export { changeCounts };
