// Server-rendered HTML: Nunjucks with the GOV.UK Frontend templates and macros, used as they are.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { can, type Viewer } from '../../domain/policy.js';
import { formatDisplayDate, formatDisplayTime } from '../format.js';
import { PLAIN_THEME, type Theme } from '../theme.js';

const require = createRequire(import.meta.url);
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** Templates live beside the compiled code's source: src/web/views (also used when running from dist). */
export const VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'web', 'views');

/** Templates: a theme's folder first (its partials/header.njk and partials/footer.njk win), then Moot's, then GOV.UK Frontend's. */
export function createViewEnvironment(theme: Theme = PLAIN_THEME): nunjucks.Environment {
  const paths = [...(theme.dir ? [theme.dir] : []), VIEWS_DIR, GOVUK_FRONTEND_DIST];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(paths, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('displayDate', (d: string | null | undefined, withDay = true) => (d ? formatDisplayDate(d, withDay) : ''));
  env.addFilter('displayTime', (t: string | null | undefined) => (t ? formatDisplayTime(t) : ''));
  env.addGlobal('stackableTable', stackableTable);
  env.addFilter('fileSize', (n: number | null | undefined) => {
    if (n === null || n === undefined) return '';
    if (n < 1024) return `${n} bytes`;
    if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
    return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  });
  return env;
}

interface TableCell { text?: unknown; html?: unknown; attributes?: Record<string, unknown>; classes?: string; colspan?: number; [k: string]: unknown }
interface TableParams { head?: TableCell[]; rows?: (TableCell[] | null)[]; classes?: string; stack?: boolean; [k: string]: unknown }

/** A column heading as plain text for a cell's label; none for a heading only screen readers get ("Action"). */
function headingLabel(h: TableCell | undefined): string | null {
  if (!h) return null;
  if (typeof h.html === 'string') {
    if (h.html.includes('govuk-visually-hidden')) return null;
    return h.html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || null;
  }
  return h.text === undefined || h.text === null ? null : String(h.text).trim() || null;
}

/**
 * govukTable's parameters with each cell labelled by its column's heading (data-label) and the table marked
 * "moot-stack", so moot.css can lay each row out as a block on a narrow screen. stack: false leaves it a grid.
 */
export function stackableTable(params: TableParams): TableParams {
  if (params.stack === false || !params.head?.length) return params;
  const labels = params.head.map(headingLabel);
  const rows = (params.rows ?? []).map((row) => {
    if (!row) return row;
    let column = 0;
    return row.map((cell) => {
      const label = labels[column];
      column += cell?.colspan ?? 1;
      return label && cell ? { ...cell, attributes: { ...(cell.attributes ?? {}), 'data-label': label } } : cell;
    });
  });
  return { ...params, rows, classes: `${params.classes ?? ''} moot-stack`.trim() };
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page template with the shared layout context and sends it as HTML. */
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyInstance {
    views: nunjucks.Environment;
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

/** What a signed-in person sees under the site's navigation: the way to their own part of Moot, by role. */
export function areaNavigation(viewer: Viewer, path: string): AreaLink[] {
  if (viewer.kind !== 'user') return [];
  const p = path.split('?')[0];
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

export default fp<ViewsOptions>(async (app, options) => {
  const theme = options.theme ?? PLAIN_THEME;
  const env = createViewEnvironment(theme);
  const councilName = theme.name ?? options.councilName;
  app.decorate('views', env);
  app.decorateRequest('viewLocals', null as never);
  app.addHook('onRequest', async (request) => {
    request.viewLocals = {};
  });
  app.decorateReply('render', function (this: import('fastify').FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
    const html = env.render(template, {
      councilName,
      serviceName: options.serviceName ?? councilName,
      theme,
      cspNonce: nonce,
      currentPath: this.request.url,
      viewer: this.request.viewer,
      areaNavigation: areaNavigation(this.request.viewer, this.request.url),
      ...(this.request.viewLocals ?? {}),
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}, { name: 'moot-views', dependencies: ['moot-viewer'] });
