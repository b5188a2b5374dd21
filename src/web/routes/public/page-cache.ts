// Rendered public pages, kept in memory until the record changes: a page the public sees depends only on the record
// (never on who asks, as long as they are the public). Signed-in viewers always get a fresh render. The per-request
// CSP nonce is swapped for a placeholder in the stored copy.
//
// When the data version moves on, the audit entries written since say what changed (every change to the record
// writes one, in the same transaction). A change the cache understands as touching one meeting only (its attendance,
// its minutes) drops the pages tagged with that meeting and every untagged page; anything else, or a new version
// with no audit entry to explain it, empties the cache (issue 17: a clerk's write no longer re-renders every page).
import { randomBytes } from 'node:crypto';

export const NONCE_PLACEHOLDER = `moot-nonce-${randomBytes(12).toString('hex')}`;

/** Audit entities whose entity id is a meeting id and which change nothing but that meeting's own rows. */
export const MEETING_SCOPED_CHANGES = new Set(['attendance', 'minutes']);

export interface Change {
  entity: string;
  entityId: string | null;
  action?: string;
  /** The meeting the changed row belongs to, where the audit entry says (a declaration's). */
  meetingId?: string | null;
}

const isId = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d+$/.test(s);

/**
 * The pages a change makes stale besides the untagged ones: `meeting:<id>` for a change to one meeting's own rows,
 * none for a change no existing tagged page can show, or null for "everything".
 * - attendance and minutes: the meeting is the entity id;
 * - declarations of interest: a clerk's one declaration names its meeting in the row it recorded; the declarations
 *   of a meeting recorded together ("update") have the meeting as their entity id;
 * - a person added: nobody yet attends, sits on or declares at any meeting as them, so no meeting's page shows them
 *   (the people lists and their pages are untagged).
 */
function staleTagsOf(c: Change): string[] | null {
  if (MEETING_SCOPED_CHANGES.has(c.entity)) return isId(c.entityId) ? [`meeting:${c.entityId}`] : null;
  if (c.entity === 'declaration') {
    if (isId(c.meetingId)) return [`meeting:${c.meetingId}`];
    return c.action === 'update' && isId(c.entityId) ? [`meeting:${c.entityId}`] : null;
  }
  if (c.entity === 'person' && c.action === 'create') return [];
  return null;
}

/** The tags whose pages a batch of changes makes stale (untagged pages always are), or null for "everything". */
export function staleTags(changes: Change[]): Set<string> | null {
  if (!changes.length) return null;
  const tags = new Set<string>();
  for (const c of changes) {
    const t = staleTagsOf(c);
    if (!t) return null;
    for (const tag of t) tags.add(tag);
  }
  return tags;
}

export interface CachedPage {
  body: string;
  etag: string;
  contentType: string;
  /** A response the route declared the same for everyone (feeds): its public Cache-Control, kept on a cache hit. */
  cacheControl?: string;
  /** What the page is made from, when the route said (e.g. "meeting:12"); none: it may show anything. */
  tags?: string[];
}

/** Hits and misses of every page cache in this process, for the metrics. */
export const PAGE_CACHE_COUNTS = { hits: 0, misses: 0 };

/** A bounded map (entries and bytes), evicting the least recently used. */
export class PageCache {
  #map = new Map<string, CachedPage>();
  #bytes = 0;
  #version = '';
  /** The last audit entry accounted for (null: not known, so the next change empties the cache). */
  #auditMark: number | null = null;
  #moving: Promise<void> | null = null;

  constructor(readonly maxEntries = 2000, readonly maxBytes = 96 * 1024 * 1024) {}

  get version(): string {
    return this.#version;
  }

  /**
   * Brings the cache to `version`: drops what the changes since the last version make stale (see the file comment).
   * `explain` gives the audit entries after a mark (and the newest mark); concurrent callers share one update.
   */
  async moveTo(version: string, explain: (afterId: number | null) => Promise<{ mark: number; changes: Change[] | null }>): Promise<void> {
    while (version !== this.#version) {
      if (this.#moving) {
        await this.#moving;
        continue;
      }
      this.#moving = (async () => {
        let stale: Set<string> | null = null;
        try {
          const { mark, changes } = await explain(this.#auditMark);
          stale = this.#version && this.#auditMark !== null && changes ? staleTags(changes) : null;
          this.#auditMark = mark;
        } catch {
          this.#auditMark = null;
        }
        this.#drop(stale);
        this.#version = version;
      })();
      try {
        await this.#moving;
      } finally {
        this.#moving = null;
      }
    }
  }

  #drop(stale: Set<string> | null): void {
    if (!stale) {
      this.#map.clear();
      this.#bytes = 0;
      return;
    }
    for (const [k, v] of this.#map) {
      if (v.tags?.length && !v.tags.some((t) => stale.has(t))) continue;
      this.#map.delete(k);
      this.#bytes -= v.body.length * 2;
    }
  }

  get(version: string, key: string): CachedPage | undefined {
    if (version !== this.#version) return undefined;
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
    if (version !== this.#version) return;
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
