// Server-rendered HTML: Nunjucks with the GOV.UK Frontend templates and macros, used as they are.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { formatDisplayDate, formatDisplayTime } from '../format.js';

const require = createRequire(import.meta.url);
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** Templates live beside the compiled code's source: src/web/views (also used when running from dist). */
export const VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'web', 'views');

export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_FRONTEND_DIST], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('displayDate', (d: string | null | undefined, withDay = true) => (d ? formatDisplayDate(d, withDay) : ''));
  env.addFilter('displayTime', (t: string | null | undefined) => (t ? formatDisplayTime(t) : ''));
  env.addFilter('fileSize', (n: number | null | undefined) => {
    if (n === null || n === undefined) return '';
    if (n < 1024) return `${n} bytes`;
    if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
    return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  });
  return env;
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
}

export default fp<ViewsOptions>(async (app, options) => {
  const env = createViewEnvironment();
  app.decorate('views', env);
  app.decorateRequest('viewLocals', null as never);
  app.addHook('onRequest', async (request) => {
    request.viewLocals = {};
  });
  app.decorateReply('render', function (this: import('fastify').FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
    const html = env.render(template, {
      councilName: options.councilName,
      serviceName: options.serviceName ?? options.councilName,
      cspNonce: nonce,
      currentPath: this.request.url,
      viewer: this.request.viewer,
      ...(this.request.viewLocals ?? {}),
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}, { name: 'moot-views', dependencies: ['moot-viewer'] });
