// The web application: one Fastify instance with a plugin per concern.
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import { closeRateLimitBackend } from '../services/rate-limits.js';
import assets from './plugins/assets.js';
import auth from './plugins/auth.js';
import errors from './plugins/errors.js';
import metrics from './plugins/metrics.js';
import security from './plugins/security.js';
import viewer from './plugins/viewer.js';
import views from './plugins/views.js';
import health from './routes/health.js';
import home from './routes/home.js';
import account from './routes/account/index.js';
import admin from './routes/admin/index.js';
import { getCouncil } from '../services/council.js';
import type { Theme } from './theme.js';

/** For `moot serve`: reading and checking a council's theme folder. */
export { checkThemeFolder, DEMO_THEME_DIR, loadTheme } from './theme.js';
import { type Store } from '../services/unit.js';

export interface AppOptions {
  store: Store;
  logger?: boolean | object;
  /** For tests and demos: what "today" is. */
  today?: () => string;
  /**
   * Addresses/CIDRs of trusted reverse proxies (MOOT_TRUST_PROXY): only requests from these have X-Forwarded-*
   * honoured. Default none: the client's own address and the Host it connected to.
   */
  trustProxy?: string[];
  /** The site's address for links in emails (MOOT_BASE_URL); never taken from the request. Default http://localhost. */
  baseUrl?: string | null;
  /**
   * The public address canonical links, feeds, calendars and the open-data API name (moot serve gives MOOT_BASE_URL;
   * when not given, MOOT_PUBLIC_URL is read when the app is built); null or empty: the address the request came to
   * (its Host, and X-Forwarded-* from trusted proxies).
   */
  publicUrl?: string | null;
  /** The council's branding (a theme folder, loaded by loadTheme); the plain theme when omitted. */
  theme?: Theme;
  /** Extra route plugins (public portal, workspace, API) registered after the core. */
  routes?: { plugin: FastifyPluginAsync<{ store: Store; today?: () => string }>; prefix?: string }[];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    bodyLimit: 60 * 1024 * 1024,
    // Every log line of a request carries its id (reqId); a proxy's X-Request-Id is kept when it looks like one.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,80}$/.test(given) ? given : randomUUID();
    },
  });
  // Each app its own address, read once here rather than per request (routes/public/http.ts origin()).
  app.decorate('publicUrl', (options.publicUrl === undefined ? process.env.MOOT_PUBLIC_URL : options.publicUrl)?.replace(/\/+$/, '') || undefined);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onClose', async () => closeRateLimitBackend(options.store));
  const council = await getCouncil(options.store.db);
  await app.register(metrics, { store: options.store });
  await app.register(viewer);
  await app.register(security);
  await app.register(views, { councilName: council?.name ?? 'Moot', theme: options.theme });
  await app.register(errors);
  // Before every route: loads request.viewer from the session or API token, checks CSRF, records the route table.
  await app.register(auth, { store: options.store, today: options.today });
  await app.register(formbody);
  await app.register(assets, { theme: options.theme });
  await app.register(health, { store: options.store });
  await app.register(home, { store: options.store, today: options.today });
  await app.register(account, { store: options.store, baseUrl: options.baseUrl ?? 'http://localhost' });
  await app.register(admin, { store: options.store });
  for (const r of options.routes ?? []) await app.register(r.plugin, { store: options.store, today: options.today, prefix: r.prefix });
  return app;
}
