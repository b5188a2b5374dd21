// Rendered public pages, kept in memory until the record changes: a page the public sees depends only on the record
// (never on who asks, as long as they are the public). Signed-in viewers always get a fresh render. The
// stored copy is cut where the per-request CSP nonce goes.
//
// When the record's version moves on, the changes since (services/change-scope.ts) say what went stale: a page
// tagged with what it is made from is kept unless a change touched that; an untagged page is dropped by any change.
import { CacheVersion, survives, type Explain } from '../../../services/change-scope.js';
import type { GzipForm } from './gzip.js';

export interface CachedPage {
  /**
   * The page as sent, in UTF-8 and cut where each response's CSP nonce goes (one piece when it has none): a hit
   * is these bytes with the nonce between them, with no string to split, join or encode again (issue 17).
   */
  pieces: Buffer[];
  etag: string;
  /** The same page gzipped once, when it was kept, for the clients that accept gzip (gzip.ts), and its own tag. */
  gzip?: GzipForm & { etag: string };
  contentType: string;
  /** A response the route declared the same for everyone (feeds): its public Cache-Control, kept on a cache hit. */
  cacheControl?: string;
  /** What the page is made from, when the route said ("meeting:12", "record"); none: it may show anything. */
  tags?: string[];
}

/** A page's pieces for the cache: its text cut at the nonce it was rendered with, in UTF-8. */
export function cutAtNonce(body: string, nonce: string | undefined): Buffer[] {
  return (nonce ? body.split(nonce) : [body]).map((piece) => Buffer.from(piece, 'utf8'));
}

/**
 * Bytes for what a hit sends (a kept page with its response's nonce in): slices of 128 KB blocks, as Node's own pool
 * does for buffers under 4 KB, rather than a fresh 5–30 KB buffer, with a backing store of its own for the garbage
 * collector to track and free, per response. A block is freed once no response still holds a slice of it (a write
 * the kernel takes at once holds none); larger sizes get a buffer of their own.
 */
const BLOCK = 128 * 1024;
let block = Buffer.allocUnsafeSlow(0);
let used = 0;

export function responseBytes(size: number): Buffer {
  if (size > BLOCK / 4) return Buffer.allocUnsafe(size);
  if (used + size > block.length) {
    block = Buffer.allocUnsafeSlow(BLOCK);
    used = 0;
  }
  const out = block.subarray(used, used + size);
  used += (size + 7) & ~7; // 8-byte aligned, as Node's pool
  return out;
}

/** A kept page's bytes for one response: its pieces joined by that response's nonce. */
export function joinAtNonce(pieces: Buffer[], nonce: string): Buffer {
  if (pieces.length === 1) return pieces[0];
  const markLength = Buffer.byteLength(nonce, 'utf8');
  let total = markLength * (pieces.length - 1);
  for (const piece of pieces) total += piece.length;
  const out = responseBytes(total);
  let at = pieces[0].copy(out, 0);
  for (let i = 1; i < pieces.length; i++) {
    at += out.write(nonce, at, 'utf8');
    at += pieces[i].copy(out, at);
  }
  return out;
}

const sizeOf = (page: CachedPage): number => page.pieces.reduce((n, p) => n + p.length, 0) + (page.gzip?.size ?? 0);

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
      this.#bytes -= sizeOf(v);
    }
  }
  /** The page kept for `key` at `version`, counted as a hit, or as a miss when there is none. */
  get(version: string, key: string): CachedPage | undefined {
    const hit = this.hit(version, key);
    if (!hit && version === this.#at.current) PAGE_CACHE_COUNTS.misses++;
    return hit;
  }

  /** The page kept for `key` at `version` when there is one (counted as a hit), else undefined and nothing counted. */
  hit(version: string, key: string): CachedPage | undefined {
    if (version !== this.#at.current) return undefined;
    const hit = this.#map.get(key);
    if (!hit) return undefined;
    PAGE_CACHE_COUNTS.hits++;
    this.#map.delete(key);
    this.#map.set(key, hit);
    return hit;
  }

  set(version: string, key: string, page: CachedPage): void {
    if (version !== this.#at.current) return;
    const size = sizeOf(page);
    if (size > this.maxBytes / 8) return;
    const old = this.#map.get(key);
    if (old) {
      this.#bytes -= sizeOf(old);
      this.#map.delete(key);
    }
    this.#map.set(key, page);
    this.#bytes += size;
    for (const [k, v] of this.#map) {
      if (this.#map.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#map.delete(k);
      this.#bytes -= sizeOf(v);
    }
  }

  get size(): number {
    return this.#map.size;
  }
}
