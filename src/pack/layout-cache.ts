// What a pack build can reuse from the packs built before it in the same process: the bytes of generated papers and
// front sheets, laid out once per content, and parsed PDFs (uploaded or generated), read once per content.
//
// Publishing an agenda builds the public and the confidential pack from the same papers, a republished agenda or a
// supplementary pack carries the same papers again, and uploaded PDFs never change (a correction is a new version with
// new bytes). Everything here is keyed by a SHA-256 of the content, so a changed paper is a new key, never a stale hit.
// Parsed documents are only ever read (pages are copied out of them into the pack, which clones what it copies).
// The memory held is bounded (least recently used first out).
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';

/** Keeps the most recently used entries up to a total weight (bytes, roughly). */
class Lru<T> {
  private readonly entries = new Map<string, { value: T; weight: number }>();
  private weight = 0;

  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: T, weight: number): void {
    if (weight > this.limit) return;
    const old = this.entries.get(key);
    if (old) {
      this.weight -= old.weight;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const [k, e] of this.entries) {
      if (this.weight <= this.limit) break;
      this.entries.delete(k);
      this.weight -= e.weight;
    }
  }

  /** Corrects an entry's weight (once what it holds is known) without making it more recently used. */
  reweigh(key: string, value: T, weight: number): void {
    const e = this.entries.get(key);
    if (!e || e.value !== value) return;
    this.weight += weight - e.weight;
    e.weight = weight;
    if (weight > this.limit) this.delete(key);
    for (const [k, old] of this.entries) {
      if (this.weight <= this.limit) break;
      this.entries.delete(k);
      this.weight -= old.weight;
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.weight -= e.weight;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}

// A parsed PDF holds its bytes (streams are views of them) and ~650 bytes of heap per object: a 20-page upload of 71
// objects ~80 KB in all, the bench pack's generated papers (339 KB, 2,277 small structure objects) 1.8 MB. 24 MB is a
// few dozen packs' worth of papers.
const PARSED_LIMIT = 24 * 1024 * 1024;
const HEAP_PER_OBJECT = 650;
const RENDERED_LIMIT = 16 * 1024 * 1024;

const parsed = new Lru<Promise<PDFDocument>>(PARSED_LIMIT);
const rendered = new Lru<unknown>(RENDERED_LIMIT);

export function contentKey(kind: string, ...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256').update(kind);
  for (const p of parts) h.update('\u0000').update(p);
  return h.digest('hex');
}

// A paper's bytes are read from the store for one publication and not changed in place; the public and confidential
// packs of that publication hash them once.
const digests = new WeakMap<Uint8Array, string>();

function bytesKey(bytes: Uint8Array): string {
  let key = digests.get(bytes);
  if (!key) {
    key = contentKey('bytes', bytes);
    digests.set(bytes, key);
  }
  return key;
}

/** A stable text of structured content: byte arrays stand as their hash, so a new upload is a new key. */
export function contentText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `sha256:${bytesKey(v)}` : v));
}

/** The parsed document for these bytes: parsed once, then shared (read-only) by every pack that copies from it. */
export function parsedOnce(bytes: Uint8Array, parse: () => Promise<PDFDocument>): Promise<PDFDocument> {
  const key = `parsed:${bytesKey(bytes)}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const doc = parse();
  parsed.set(key, doc, bytes.length * 2);
  // Weighed again once parsed, by what it holds: a generated paper's many small objects weigh ~5 times its bytes, and
  // counted as twice its bytes the cache held far more heap than its limit says.
  // A failed parse is not kept: the caller reports it, and the same bytes are read afresh next time.
  doc.then(
    (d) => parsed.reweigh(key, doc, bytes.length + HEAP_PER_OBJECT * d.context.largestObjectNumber),
    () => parsed.delete(key),
  );
  return doc;
}

/** The result of laying out this content: laid out once, then reused while it is remembered. */
export async function renderedOnce<T>(key: string, render: () => Promise<T>, weigh: (value: T) => number): Promise<T> {
  const hit = rendered.get(key) as T | undefined;
  if (hit) return hit;
  const value = await render();
  rendered.set(key, value, weigh(value));
  return value;
}

/** Forgets everything (tests compare a cold build with a warm one). */
export function clearLayoutCache(): void {
  parsed.clear();
  rendered.clear();
}
