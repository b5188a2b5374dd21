// Rendered public pages, kept in memory until the record changes: a page the public sees depends only on the record
// (never on who asks, as long as they are the public). Signed-in viewers always get a fresh render. The per-request
// CSP nonce is swapped for a placeholder in the stored copy.
//
// When the record's version moves on, the changes since (services/change-scope.ts) say what went stale: a page
// tagged with what it is made from is kept unless a change touched that; an untagged page is dropped by any change.
import { randomBytes } from 'node:crypto';
import { CacheVersion, survives, type Explain } from '../../../services/change-scope.js';

export const NONCE_PLACEHOLDER = `moot-nonce-${randomBytes(12).toString('hex')}`;

export interface CachedPage {
  body: string;
  etag: string;
  contentType: string;
  /** A response the route declared the same for everyone (feeds): its public Cache-Control, kept on a cache hit. */
  cacheControl?: string;
  /** What the page is made from, when the route said ("meeting:12", "record"); none: it may show anything. */
  tags?: string[];
}

/** Hits and misses of every page cache in this process, for the metrics. */
export const PAGE_CACHE_COUNTS = { hits: 0, misses: 0 };

/** A bounded map (entries and bytes), evicting the least recently used. */
export class PageCache {
  #map = new Map<string, CachedPage>();
  #bytes = 0;
  #at = new CacheVersion((stale) => this.#drop(stale));

  constructor(readonly maxEntries = 2000, readonly maxBytes = 96 * 1024 * 1024) {}

  get version(): string {
    return this.#at.current;
  }

  /**
   * Brings the cache to `version` when it is newer than the cache's, dropping what went stale between the two
   * (`explain`). A request that read an older version than the cache holds is neither served nor kept.
   */
  moveTo(version: string, explain: Explain): Promise<void> {
    return this.#at.moveTo(version, explain);
  }

  #drop(stale: Set<string> | null): void {
    if (!stale) {
      this.#map.clear();
      this.#bytes = 0;
      return;
    }
    for (const [k, v] of this.#map) {
      if (survives(v.tags, stale)) continue;
      this.#map.delete(k);
      this.#bytes -= v.body.length * 2;
    }
  }
  get(version: string, key: string): CachedPage | undefined {
    if (version !== this.#at.current) return undefined;
    const hit = this.#map.get(key);
    if (hit) PAGE_CACHE_COUNTS.hits++;
    else PAGE_CACHE_COUNTS.misses++;
    if (hit) {
      this.#map.delete(key);
      this.#map.set(key, hit);
    }
    return hit;
  }

  set(version: string, key: string, page: CachedPage): void {
    if (version !== this.#at.current) return;
    const size = page.body.length * 2;
    if (size > this.maxBytes / 8) return;
    const old = this.#map.get(key);
    if (old) {
      this.#bytes -= old.body.length * 2;
      this.#map.delete(key);
    }
    this.#map.set(key, page);
    this.#bytes += size;
    for (const [k, v] of this.#map) {
      if (this.#map.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#map.delete(k);
      this.#bytes -= v.body.length * 2;
    }
  }

  get size(): number {
    return this.#map.size;
  }
}
