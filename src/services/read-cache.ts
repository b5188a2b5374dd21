// Stored rows that are the same for every viewer, kept until the record changes (issue 17). A rendered page for a
// signed-in viewer is never kept; what is kept here is the viewer-independent input of a read model (the rows of a
// meeting, a person's page, a committee's page), keyed by the data version (store/read/version.ts), so a signed-in
// page still applies its viewer's visibility to them on every request. Safe by construction: nothing cached here
// is computed from a viewer, and any committed write (from this process or another) moves the version on, which
// empties the cache. Values are deep-frozen: a caller that tried to change a shared row would throw.
import type { Store } from '../store/db.js';
import { dataVersion } from '../store/read/version.js';

const MAX_ENTRIES = 500;

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

const caches = new WeakMap<Store, VersionedCache>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The result of `load` for this key at the current data version: loaded once per version (and shared by concurrent
 * callers), then reused until anything is written. `load` must not depend on who is asking.
 */
export async function versionedRead<T>(store: Store, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new VersionedCache()));
  return cache.get(await dataVersion(store), key, load);
}
