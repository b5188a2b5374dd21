// Rendered public pages, kept in memory and keyed by the data version: a page the public sees depends only on the
// record (never on who asks, as long as they are the public), so it can be reused until anything changes. Signed-in
// viewers always get a fresh render. The per-request CSP nonce is swapped for a placeholder in the stored copy.
import { randomBytes } from 'node:crypto';

export const NONCE_PLACEHOLDER = `moot-nonce-${randomBytes(12).toString('hex')}`;

export interface CachedPage {
  body: string;
  etag: string;
  contentType: string;
  /** A response the route declared the same for everyone (feeds): its public Cache-Control, kept on a cache hit. */
  cacheControl?: string;
}

/** Hits and misses of every page cache in this process, for the metrics. */
export const PAGE_CACHE_COUNTS = { hits: 0, misses: 0 };

/** A bounded map (entries and bytes), evicting the least recently used. */
export class PageCache {
  #map = new Map<string, CachedPage>();
  #bytes = 0;
  #version = '';

  constructor(readonly maxEntries = 2000, readonly maxBytes = 96 * 1024 * 1024) {}

  /** Forgets everything when the data version moves on, so stale pages never linger in memory. */
  #checkVersion(version: string): void {
    if (version !== this.#version) {
      this.#map.clear();
      this.#bytes = 0;
      this.#version = version;
    }
  }

  get(version: string, key: string): CachedPage | undefined {
    this.#checkVersion(version);
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
    this.#checkVersion(version);
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
