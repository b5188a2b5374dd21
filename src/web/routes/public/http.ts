// HTTP conventions of the public pages: ETags, cache headers that never let a shared cache keep something that
// depends on who is asking, query-string parsing that refuses nonsense with a clear message.
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { etagOfPayload } from '../../etag.js';
import { gzipPieces, gzipWithNonce } from './gzip.js';
import { type CachedPage, cutAtNonce, joinAtNonce, type PageCache, responseBytes } from './page-cache.js';
import { recordChanges } from '../../../services/change-scope.js';
import { dataVersion, dataVersionNow } from '../../../services/site.js';
import { type Store } from '../../../services/unit.js';

/** Marks a response as the same for everyone (feeds, sitemap: built from the public view only). */
export function publicCache(reply: FastifyReply, seconds = 300): void {
  reply.header('cache-control', `public, max-age=${seconds}`);
}

function nonceOf(reply: FastifyReply): string | undefined {
  return (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
}

function matches(request: FastifyRequest, etag: string): boolean {
  const inm = request.headers['if-none-match'];
  return !!inm && inm.split(',').some((t) => t.trim() === etag);
}

function notModified(reply: FastifyReply): void {
  reply.code(304);
  // The cached copy carries its own nonce; keep its policy rather than sending one for a body not sent.
  reply.removeHeader('content-security-policy');
  reply.removeHeader('content-length');
}

/** Each Accept-Encoding value seen (a browser sends one of a handful) and whether it chose gzip; forgotten past 100. */
const chosenEncodings = new Map<string, boolean>();

/** Whether the client prefers gzip to the page as it is (Accept-Encoding with its q-values; none: as it is). */
function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  let gzip = chosenEncodings.get(header);
  if (gzip === undefined) {
    // Content-codings are case-insensitive.
    gzip = negotiate(header.toLowerCase(), ['gzip', 'identity']) === 'gzip';
    if (chosenEncodings.size >= 100) chosenEncodings.clear();
    chosenEncodings.set(header, gzip);
  }
  return gzip;
}

/** A kept page's tag for its gzip form: another representation of the same page, so another tag. */
const gzipTag = (etag: string): string => etag.replace(/"$/, '-gzip"');

/**
 * The headers a kept page goes out with, the same whether it was just rendered or came from the cache: the tag of
 * the form sent, Vary naming what chose that form (Accept-Encoding: gzip or not) and, on a hit, its Cache-Control.
 */
function keptPageHeaders(reply: FastifyReply, page: CachedPage, gzip: boolean, hit: boolean): string {
  const etag = gzip && page.gzip ? page.gzip.etag : page.etag;
  if (hit) reply.header('cache-control', page.cacheControl ?? 'private, no-cache');
  reply.header('vary', page.cacheControl ? 'Accept-Encoding' : 'Cookie, Authorization, Accept-Encoding').header('etag', etag);
  return etag;
}

/** A kept page's bytes for this response: gzipped when the client takes gzip, with the response's nonce in. */
function keptPageBody(reply: FastifyReply, page: CachedPage, gzip: boolean, nonce: string): Buffer {
  if (gzip && page.gzip) {
    reply.header('content-encoding', 'gzip');
    return gzipWithNonce(page.gzip, nonce, responseBytes);
  }
  return joinAtNonce(page.pieces, nonce);
}

const CACHEABLE_TYPES = /^(text\/html|text\/calendar|application\/(atom|rss)\+xml)/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never keep this route's responses in the page cache (search: every query is different work). */
    pageCache?: boolean;
  }
}

export interface CachingOptions {
  store: Store;
  today?: () => string;
  /** Rendered pages for the public viewer, keyed by data version; none when omitted. */
  pages?: PageCache;
}

interface CacheSlot { version: string; key: string; served: boolean; tags?: string[]; done?: (page: CachedPage | null) => void }
const cacheSlots = new WeakMap<FastifyRequest, CacheSlot>();
/** The slot of a request answered from the cache in onRequest: nothing to tag, keep or wait for. */
const SERVED: CacheSlot = Object.freeze({ version: '', key: '', served: true });

/** Whether the page cache may answer this request: the public's GET or HEAD on a route that did not opt out. */
function cacheable(request: FastifyRequest, reply: FastifyReply): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.viewer.kind === 'public' && reply.routeOptions.config?.pageCache !== false;
}

/** A kept page as this response: its headers, then a 304 for a matching If-None-Match or the page (gzipped if taken). */
function serveKept(request: FastifyRequest, reply: FastifyReply, hit: CachedPage): FastifyReply {
  const gzip = !!hit.gzip && acceptsGzip(request);
  if (matches(request, keptPageHeaders(reply, hit, gzip, true))) {
    notModified(reply);
    return reply.send('');
  }
  return reply.type(hit.contentType).send(keptPageBody(reply, hit, gzip, nonceOf(reply) ?? ''));
}

/**
 * Says what a public page is made from, so a change elsewhere in the record keeps it cached (tags as in
 * services/change-scope.ts): `meeting:<id>` for a page made only from that meeting's rows, `record` for a page that
 * shows no person except through a role (RECORD_TAG).
 */
export function tagCachedPage(request: FastifyRequest, ...tags: string[]): void {
  const slot = cacheSlots.get(request);
  if (slot) slot.tags = [...(slot.tags ?? []), ...tags];
}

/**
 * Hooks for one plugin scope: for the public viewer, a stored render of the page when the data have not changed
 * since it was made; on every response an ETag over the body (the per-request CSP nonce left out, so an unchanged
 * page keeps its tag), a 304 for a matching If-None-Match, and Cache-Control: private unless the route declared
 * the response public (feeds, sitemap).
 */
export function addCaching(app: FastifyInstance, options: CachingOptions): void {
  const { pages, store, today } = options;
  const rendering = new Map<string, { version: string; page: Promise<CachedPage | null> }>();
  const explain = (from: string, to: string) => recordChanges(store).between(from, to);
  // A kept page is the page of this URL, at this address, today (its dates relative to today).
  const keyOf = (request: FastifyRequest) => `${todayIso(today)}|${origin(request)}|${request.url}`;
  if (pages) {
    // A hit served as soon as the request is known to be the public's (onRequest): no parsing, validation or handler
    // hooks to run for it, nor a promise to wait for, when the record's version can be read at once and is the
    // cache's. A route with hooks of its own (the search's rate limit, route-level onRequest) has them run first: its
    // hits are served in preHandler, as is a request that must wait (a version to move to, a render in progress).
    app.addHook('onRequest', (request, reply, next) => {
      if (!cacheable(request, reply) || reply.routeOptions.config?.rateLimit !== undefined) return next();
      const version = dataVersionNow(store);
      if (version === null || version !== pages.version) return next();
      const hit = pages.hit(version, keyOf(request));
      if (!hit) return next();
      cacheSlots.set(request, SERVED);
      serveKept(request, reply, hit);
    });
    app.addHook('preHandler', async (request, reply) => {
      if (!cacheable(request, reply)) return;
      // Read at once where the store can (SQLite outside a transaction): a hit then waits for no promise but the hook's.
      const version = dataVersionNow(store) ?? await dataVersion(store);
      if (version !== pages.version) await pages.moveTo(version, explain);
      const key = keyOf(request);
      let hit = pages.get(version, key);
      // One render per page and version: requests for a page being rendered wait for it rather than render it too.
      if (!hit) {
        const pending = rendering.get(key);
        if (pending?.version === version) hit = (await pending.page) ?? undefined;
      }
      const slot: CacheSlot = { version, key, served: !!hit };
      cacheSlots.set(request, slot);
      if (!hit) {
        if (!rendering.has(key)) {
          let done!: (page: CachedPage | null) => void;
          const page = new Promise<CachedPage | null>((resolve) => { done = resolve; });
          rendering.set(key, { version, page });
          slot.done = (p) => {
            if (rendering.get(key)?.page === page) rendering.delete(key);
            done(p);
          };
          // A render that ends without a page to keep (an error, a redirect, a 404) lets its waiters render for
          // themselves when its response ends: not in an onResponse hook, which the not-found handler (a route's
          // callNotFound answers in the 404 context) never runs, so the next request waited for ever.
          reply.raw.once('close', () => slot.done?.(null));
        }
        return;
      }
      return serveKept(request, reply, hit);
    });
  }

  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, next: (err: Error | null, payload?: unknown) => void) => {
    let out: unknown;
    try {
      out = withCacheHeaders(request, reply, payload);
    } catch (e) {
      return next(e as Error);
    }
    next(null, out);
  });

  /** The response's cache headers and ETag (and a 304 for a matching If-None-Match), and the page kept for the public. */
  function withCacheHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    const slot = cacheSlots.get(request);
    if (slot?.served) return payload;
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', request.viewer.kind === 'public' ? 'private, no-cache' : 'private, no-store');
      reply.header('vary', 'Cookie, Authorization');
    }
    if (reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A signed-in page sent no-store is never kept, so never revalidated: hashing it for an ETag would be wasted
    // (about 5% of such a request's CPU).
    if (request.viewer.kind !== 'public' && /\bno-store\b/.test(String(reply.getHeader('cache-control')))) return payload;
    const nonce = nonceOf(reply);
    const etag = etagOfPayload(reply, payload, nonce);
    reply.header('etag', etag);
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (pages && slot && typeof payload === 'string' && CACHEABLE_TYPES.test(contentType) && request.viewer.kind === 'public') {
      const cacheControl = String(reply.getHeader('cache-control') ?? '');
      const pieces = cutAtNonce(payload, nonce);
      // Compressed here, once per kept page; a hit only puts its nonce in (gzip.ts).
      const gzipForm = gzipPieces(pieces);
      const page: CachedPage = { pieces, etag, gzip: { ...gzipForm, etag: gzipTag(etag) }, contentType, cacheControl: cacheControl.startsWith('public') ? cacheControl : undefined, tags: slot.tags };
      pages.set(slot.version, slot.key, page);
      slot.done?.(page);
      // This response goes out as a hit would: the same headers, gzipped for a client that takes it.
      const gzip = acceptsGzip(request);
      if (matches(request, keptPageHeaders(reply, page, gzip, false))) {
        notModified(reply);
        return '';
      }
      return keptPageBody(reply, page, gzip, nonce ?? '');
    }
    if (matches(request, etag)) {
      notModified(reply);
      return '';
    }
    return payload;
  }
}

export function todayIso(today?: () => string): string {
  return today ? today() : new Date().toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function optionalDate(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(`${field} must be a date like 2012-01-09, not "${String(value).slice(0, 40)}"`, field);
  }
  return value;
}

/** A date from the three fields of govukDateInput (name-day, name-month, name-year), or an ISO date in `name`. */
export function dateFromParts(q: Record<string, unknown>, name: string, label: string): string | undefined {
  const d = q[`${name}-day`], m = q[`${name}-month`], y = q[`${name}-year`];
  if ([d, m, y].every((x) => x === undefined || x === '')) return optionalDate(q[name], label);
  const day = Number(d), month = Number(m), year = Number(y);
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year) || year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new ValidationError(`${label} must be a real date, for example 27 3 2026`, name);
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const dt = new Date(`${iso}T00:00:00Z`);
  if (dt.getUTCDate() !== day) throw new ValidationError(`${label} must be a real date`, name);
  return iso;
}

export function pageParam(value: unknown): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100000) throw new ValidationError(`page must be a whole number from 1, not "${String(value).slice(0, 20)}"`, 'page');
  return n;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Query string for pagination links, keeping the filters. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** govukPagination items for page n of total pages (with ellipses). */
export function pagination(page: number, pages: number, href: (p: number) => string) {
  if (pages <= 1) return null;
  const items: { number?: number; href?: string; current?: boolean; ellipsis?: boolean }[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 1) items.push({ number: p, href: href(p), current: p === page });
    else if (items[items.length - 1] && !items[items.length - 1].ellipsis) items.push({ ellipsis: true });
  }
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The address canonical links and feeds name (AppOptions.publicUrl), without trailing slashes; none: the request's. */
    publicUrl?: string;
  }
}

/** The site's address for a page's links: the app's public address when it has one, else as the request reached it. */
export function origin(request: FastifyRequest): string {
  const publicUrl = request.server.publicUrl;
  if (publicUrl) return publicUrl;
  const host = request.headers.host ?? '127.0.0.1';
  return `${request.protocol}://${host}`;
}
