// Server-rendered HTML: Nunjucks with the GOV.UK Frontend templates and macros, used as they are.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { can, type Viewer } from '../../domain/policy.js';
import { displayDatesIn, formatDisplayDateTime, formatTimeSlot } from '../format.js';
import { displayDate, displayTime, fileSize } from '../render/filters.js';
import { PLAIN_THEME, type Theme } from '../theme.js';
import { deepFreeze, isDeepFrozen } from '../../services/frozen.js';
import { etagOf, knowEtag } from '../etag.js';
import { speedUpNunjucks, withStandIns } from './nunjucks-speed.js';
import { COMPILED_PAGES } from '../render/pages.js';
import { stackableTable } from '../render/stackable-table.js';
import { utf8Bytes } from '../utf8.js';

const require = createRequire(import.meta.url);
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** Templates live beside the compiled code's source: src/web/views (also used when running from dist). */
export const VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'web', 'views');

type ExportedCallback = (err: Error | null, exported: unknown) => void;
type TemplateWithExports = { path?: string; getExported(ctx: unknown, parentFrame?: unknown, cb?: unknown): void; [EXPORTED]?: unknown };
const EXPORTED = Symbol('moot.exported');

/**
 * `{% from "x.njk" import m %}` (without "with context") runs x.njk's top level again on every render to collect
 * its macros, and every page imports a dozen GOV.UK macro files (issue 17). Such an import sees an empty context
 * (globals are looked up when a macro runs), so its exports are the same every time: keep them on the compiled
 * template. Imports "with context" still run each time.
 */
function memoiseContextFreeImports(): void {
  const proto = (nunjucks.Template as unknown as { prototype: TemplateWithExports }).prototype;
  if ((proto.getExported as { memoised?: boolean }).memoised) return;
  const original = proto.getExported;
  const memoised = function (this: TemplateWithExports, ctx: unknown, parentFrame?: unknown, cb?: unknown): void {
    if (typeof ctx !== 'function' || parentFrame !== undefined) return original.call(this, ctx, parentFrame, cb);
    const done = ctx as ExportedCallback;
    if (this[EXPORTED] !== undefined) return done(null, this[EXPORTED]);
    original.call(this, (err: Error | null, exported: unknown) => {
      if (err) return done(err, exported);
      // Some GOV.UK macros have a plain-code stand-in with the same output (nunjucks-speed.ts).
      this[EXPORTED] = withStandIns(this.path, exported);
      done(null, this[EXPORTED]);
    });
  };
  (memoised as { memoised?: boolean }).memoised = true;
  proto.getExported = memoised;
}

/** Whether a folder holds any Nunjucks template, at any depth. */
function hasTemplates(dir: string): boolean {
  try {
    return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.njk'));
  } catch {
    return true;
  }
}

/** Whether the compiled pages render for this theme: none of its templates come before Moot's. */
export function themeUsesCompiledPages(theme: Theme): boolean {
  return !theme.dir || !hasTemplates(theme.dir);
}

/** Templates: a theme's folder first (its partials/header.njk and partials/footer.njk win), then Moot's, then GOV.UK Frontend's. */
export function createViewEnvironment(theme: Theme = PLAIN_THEME): nunjucks.Environment {
  memoiseContextFreeImports();
  speedUpNunjucks();
  const paths = [...(theme.dir ? [theme.dir] : []), VIEWS_DIR, GOVUK_FRONTEND_DIST];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(paths, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('displayDate', displayDate);
  env.addFilter('displayDateTime', (d: string | null | undefined, withDay = true) => (d ? formatDisplayDateTime(d, withDay) : ''));
  env.addFilter('displayDatesIn', (t: string | null | undefined) => (t ? displayDatesIn(t) : ''));
  env.addFilter('displayTime', displayTime);
  env.addFilter('timeSlot', (t: string | null | undefined) => (t ? formatTimeSlot(t) : ''));
  env.addGlobal('stackableTable', stackableTable);
  env.addFilter('fileSize', fileSize);
  return env;
}

export { stackableTable } from '../render/stackable-table.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page template with the shared layout context and sends it as HTML. */
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyInstance {
    views: nunjucks.Environment;
    /** The render memo of this app's pages (the portal bench turns it off to measure rendering itself). */
    renderMemo: RenderMemo;
    /** Whether the pages compiled to plain functions (render/pages.ts) are used (off: Nunjucks renders every page). */
    compiledViews: { enabled: boolean };
  }
  interface FastifyRequest {
    /** Values every page of this request sees (e.g. csrfToken, account, set by the auth plugin); render context wins. */
    viewLocals: Record<string, unknown>;
  }
}

export interface ViewsOptions {
  councilName: string;
  serviceName?: string;
  theme?: Theme;
}

interface AreaLink { href: string; text: string; active: boolean }

const NO_AREA: readonly AreaLink[] = Object.freeze([]);
/** Up to this many addresses' links kept for each viewer. */
const AREA_PATHS_KEPT = 64;
const areaLinks = new WeakMap<Viewer, Map<string, readonly AreaLink[]>>();

/**
 * What a signed-in person sees under the site's navigation: the way to their own part of Moot, by role. Worked out
 * once for each deep-frozen viewer (the session's, from the read cache: it can never change) and address, since
 * every signed-in page asks (issue 17); the links are frozen, as they are shared.
 */
export function areaNavigation(viewer: Viewer, path: string): readonly AreaLink[] {
  if (viewer.kind !== 'user') return NO_AREA;
  const p = path.split('?')[0];
  if (!isDeepFrozen(viewer)) return areaLinksFor(viewer, p);
  let byPath = areaLinks.get(viewer);
  if (!byPath) areaLinks.set(viewer, (byPath = new Map()));
  let links = byPath.get(p);
  if (!links) {
    if (byPath.size >= AREA_PATHS_KEPT) byPath.clear();
    byPath.set(p, (links = deepFreeze(areaLinksFor(viewer, p))));
  }
  return links;
}

function areaLinksFor(viewer: Extract<Viewer, { kind: 'user' }>, p: string): AreaLink[] {
  const links: Omit<AreaLink, 'active'>[] = [];
  if (can(viewer, 'manage-record')) links.push({ href: '/workspace', text: 'Workspace' });
  if (viewer.role === 'councillor') {
    links.push({ href: '/my', text: 'Your area' }, { href: '/my/meetings', text: 'My meetings' }, { href: '/my/papers', text: 'My papers' },
      { href: '/my/interests', text: 'Register of interests' }, { href: '/my/call-ins', text: 'Call-ins' });
  }
  if (can(viewer, 'write-report')) links.push({ href: '/author', text: 'Reports' });
  if (can(viewer, 'manage-users')) links.push({ href: '/admin', text: 'Administration' });
  links.push({ href: '/account', text: 'Your account' });
  // The longest matching address is the current one ("/my/papers" rather than "/my").
  const current = links.filter((l) => p === l.href || p.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return links.map((l) => ({ ...l, active: l === current }));
}

/** A memoised page. */
export interface RenderedPage {
  /** The page, its CSP nonce replaced by a mark. */
  html: string;
  /** Its entity tag (etag.ts). */
  etag: string;
}

/**
 * Rendered pages by everything they were rendered from (issue 17). A template is a pure function of its context:
 * the views' filters and globals are pure and fixed when the app starts, so the same context gives the same HTML.
 * The key is a hash of the whole context (viewer, account, CSRF token and all: the per-request CSP nonce is swapped
 * for a placeholder), so a page is only ever reused for exactly the inputs it was made from; it is per-viewer safe by
 * construction, not by a rule about which pages may be shared. A context holding anything JSON cannot represent
 * exactly (a function, a Map, a class instance) is rendered every time.
 */
export class RenderMemo {
  #map = new Map<string, RenderedPage>();
  #bytes = 0;
  /** false: every page is rendered (and no key computed), as when each request's context is new. */
  enabled = true;
  constructor(readonly maxEntries = 400, readonly maxBytes = 24 * 1024 * 1024) {}

  static keyOf(template: string, context: Record<string, unknown>, nonce: string | undefined): string | null {
    let plain = true;
    let json: string;
    try {
      json = JSON.stringify(context, (_k, v: unknown) => {
        if (v === null || typeof v !== 'object') {
          if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') plain = false;
          return v === undefined ? null : v;
        }
        // A deep-frozen value (the read cache's rows, a page computed from them) can never change: its identity is
        // its content, so it is keyed by an id of its own instead of being serialised on every request.
        if (isDeepFrozen(v)) return `${IDENTITY_MARK}${identityOf(v)}`;
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) plain = false;
        return v;
      });
    } catch {
      return null;
    }
    if (!plain) return null;
    if (nonce) json = json.split(nonce).join(NONCE_MARK);
    return createHash('sha256').update(template).update('\0').update(json).digest('base64');
  }

  get(key: string): RenderedPage | undefined {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, hit);
    }
    return hit;
  }

  set(key: string, page: RenderedPage): void {
    if (page.html.length * 2 > this.maxBytes / 16 || this.#map.has(key)) return;
    this.#map.set(key, page);
    this.#bytes += page.html.length * 2;
    for (const [k, v] of this.#map) {
      if (this.#map.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#map.delete(k);
      this.#bytes -= v.html.length * 2;
    }
  }
}

const NONCE_MARK = `moot-render-nonce-${randomBytes(9).toString('hex')}`;
/** Stands for a deep-frozen object in a memo key; random, so no string in a context can imitate one. */
const IDENTITY_MARK = `moot-frozen-${randomBytes(9).toString('hex')}#`;
const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A number for a deep-frozen object, never given to another object in this process. */
function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++lastIdentity));
  return id;
}

export default fp<ViewsOptions>(async (app, options) => {
  const theme = options.theme ?? PLAIN_THEME;
  const env = createViewEnvironment(theme);
  const memo = new RenderMemo();
  const councilName = theme.name ?? options.councilName;
  app.decorate('views', env);
  app.decorate('renderMemo', memo);
  // A theme folder's templates (its own partials/header.njk, say) come before Moot's: a theme with any is rendered by
  // Nunjucks throughout. One with none (a logo, colours, links) uses the compiled pages, which read the same fields.
  const compiledViews = { enabled: themeUsesCompiledPages(theme) };
  app.decorate('compiledViews', compiledViews);
  app.decorateRequest('viewLocals', null as never);
  app.addHook('onRequest', async (request) => {
    request.viewLocals = {};
  });
  app.decorateReply('render', function (this: import('fastify').FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
    const full = {
      councilName,
      serviceName: options.serviceName ?? councilName,
      theme,
      cspNonce: nonce,
      currentPath: this.request.url,
      viewer: this.request.viewer,
      areaNavigation: areaNavigation(this.request.viewer, this.request.url),
      ...(this.request.viewLocals ?? {}),
      ...context,
    };
    const compiled = compiledViews.enabled && (full as Record<string, unknown>).navigation === undefined ? COMPILED_PAGES[template] : undefined;
    if (compiled) {
      // Cheaper than the memo's key: rendered every time, never kept.
      const html = compiled(full);
      // a signed-in page is sent no-store without a tag (routes/public/http.ts): only the public's is hashed
      if (this.request.viewer.kind === 'public') {
        knowEtag(this, html, etagOf(nonce ? html.split(nonce) : [html]));
        return this.type('text/html; charset=utf-8').send(html);
      }
      return this.type('text/html; charset=utf-8').send(utf8Bytes(html));
    }
    const key = memo.enabled ? RenderMemo.keyOf(template, full, nonce) : null;
    const kept = key ? memo.get(key) : undefined;
    let html: string;
    if (kept !== undefined) {
      html = nonce ? kept.html.split(NONCE_MARK).join(nonce) : kept.html;
      knowEtag(this, html, kept.etag);
    } else {
      html = env.render(template, full);
      // The page cut at its nonce once: the tag hashes the pieces (the nonce left out) and the memo keeps them joined
      // by the mark; a page that is not kept is not copied.
      const pieces = nonce ? html.split(nonce) : [html];
      const etag = etagOf(pieces);
      if (key) memo.set(key, { html: pieces.join(NONCE_MARK), etag });
      knowEtag(this, html, etag);
    }
    // The public's page stays a string: the page cache keeps it cut at its nonce (routes/public/http.ts).
    return this.type('text/html; charset=utf-8').send(this.request.viewer.kind === 'public' ? html : utf8Bytes(html));
  });
}, { name: 'moot-views', dependencies: ['moot-viewer'] });
