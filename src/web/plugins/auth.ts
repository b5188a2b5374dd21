// Who is asking: loads request.viewer from the session cookie or an API token, and checks CSRF tokens on every
// state-changing request. Registered once, at the root, before any route plugin.
//
// - No credentials (the public): no database query at all.
// - `Authorization: Bearer moot_…`: an API token (hashed in api_token). Cookies are then ignored and CSRF does not
//   apply (a browser never adds that header by itself). A bad token is refused with 401 rather than served as public.
// - `moot_session` cookie: the session (hashed in user_session), with idle and absolute timeouts.
// See docs/security.md.
import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorPage } from '../../http/error-page.js';
import { CSRF_FIELD, submittedCsrfToken, tokensMatch, UNSAFE_METHODS } from './csrf.js';
import { clearSessionCookie, PRE_SESSION_CSRF_COOKIE, SESSION_COOKIE, setPreSessionCsrfCookie } from './session-cookie.js';
import { loadApiToken, type LoadedSession, newSecret, sessionViewer, sessionViewerNow, type SessionViewer, viewerFor } from '../../services/accounts.js';
import type { ChangeCounts } from '../../services/read-cache.js';
import { type Store } from '../../services/unit.js';

export interface AuthOptions {
  store: Store;
  /** "Today" for memberships in force (tests and demos fix it). */
  today?: () => string;
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, when the request came with a valid session cookie. */
    session: LoadedSession | null;
    /** How the viewer was established. */
    authMethod: 'session' | 'api-token' | null;
    /** With an API token: what it may do ('read', 'write'); null otherwise. */
    tokenScopes: readonly string[] | null;
    /** The CSRF token forms on this page must send back as `_csrf` (also in templates as `csrfToken`). */
    csrfToken: string | null;
    /** The signed-in user's email and name, for pages and audit. */
    /** Who is signed in, as the session's (or API token's) row read them: fresh as of this request's counters. */
    account: { id: number; email: string; displayName: string; personId: number | null } | null;
    /** The change counters the session was read with (services/read-cache.ts): the request's reads of cached rows use them. */
    changeCounts: ChangeCounts | null;
  }
  interface FastifyInstance {
    /** Every route registered after the auth plugin: the role-by-route matrix proves each one is covered. */
    registeredRoutes: RegisteredRoute[];
  }
}

type Account = NonNullable<FastifyRequest['account']>;
/** The account of each session the read cache keeps (deep-frozen, shared by its requests): made once, frozen too. */
const accounts = new WeakMap<LoadedSession, Account>();

function accountOf(session: LoadedSession): Account {
  let account = accounts.get(session);
  if (!account) {
    account = { id: session.user.id, email: session.user.email, displayName: session.user.display_name, personId: session.user.person_id };
    if (!Object.isFrozen(session)) return account;
    accounts.set(session, Object.freeze(account));
  }
  return account;
}

function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : '';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The request carries its own authority (a capability token in the URL) and uses no cookie: no CSRF check. */
    csrfExempt?: boolean;
  }
}

/**
 * Gives an anonymous visitor a CSRF token for a form (double-submit cookie). Use as a preHandler on GET routes
 * that show a form to people who are not signed in (sign in, forgotten password). Signed-in visitors already have
 * their session's token.
 */
export async function issuePreSessionCsrf(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.csrfToken) return;
  const token = newSecret();
  setPreSessionCsrfCookie(request, reply, token);
  request.csrfToken = token;
  request.viewLocals.csrfToken = token;
}

export default fp<AuthOptions>(async (app, { store, today }) => {
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  app.decorateRequest('session', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('tokenScopes', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('account', null);
  app.decorateRequest('changeCounts', null);
  app.decorate('registeredRoutes', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) app.registeredRoutes.push({ method, url: route.url });
  });

  /** Who the credentials say is asking; true when the request has been answered (a bad API token). */
  async function identify(request: FastifyRequest, reply: FastifyReply, bearer: string | null, sessionToken: string | undefined): Promise<boolean> {
    if (bearer !== null) {
      const user = bearer ? await loadApiToken(store.db, bearer) : null;
      if (!user) {
        reply.code(401).header('www-authenticate', 'Bearer realm="moot", error="invalid_token"');
        reply.send({ error: 'unauthorised', message: 'The API token is not valid: it may have been revoked or have expired' });
        return true;
      }
      const viewer = await viewerFor(store.db, user, todayIso());
      // A token limited to some bodies carries the limit in its viewer: the policy applies it (domain/policy.ts).
      request.viewer = viewer.kind === 'user' && user.bodyIds ? { ...viewer, tokenBodyIds: user.bodyIds } : viewer;
      request.authMethod = 'api-token';
      request.tokenScopes = user.scopes;
      request.account = { id: user.id, email: user.email, displayName: user.display_name, personId: user.person_id };
      return false;
    }
    if (sessionToken) {
      const signed = await sessionViewer(store, sessionToken, todayIso());
      if (!signed) clearSessionCookie(request, reply);
      else signedIn(request, signed);
    }
    withoutCredentials(request);
    return false;
  }

  /** Who a valid session signs in. */
  function signedIn(request: FastifyRequest, { session, viewer, counts }: SessionViewer): void {
    request.session = session;
    request.authMethod = 'session';
    request.viewer = viewer;
    request.account = accountOf(session);
    request.csrfToken = session.csrfToken;
    request.changeCounts = counts;
  }

  /** The pre-session CSRF token, and what every page of the request sees of who is asking. */
  function withoutCredentials(request: FastifyRequest): void {
    if (!request.csrfToken) request.csrfToken = request.cookies[PRE_SESSION_CSRF_COOKIE] ?? null;
    request.viewLocals.csrfToken = request.csrfToken;
    request.viewLocals.account = request.account;
  }

  app.addHook('onRequest', (request, reply, done) => {
    // /metrics takes its own bearer token (MOOT_METRICS_TOKEN, checked by the metrics plugin), not an API token.
    const bearer = request.url === '/metrics' ? null : bearerToken(request);
    const sessionToken = bearer === null ? request.cookies[SESSION_COOKIE] : undefined;
    // The public (no credentials): nothing to look up, and no promise to wait for.
    if (bearer === null && !sessionToken) {
      withoutCredentials(request);
      return done();
    }
    // A session whose row and viewer are kept at the counters just read, with no write due: no promise either.
    const signed = sessionToken ? sessionViewerNow(store, sessionToken, todayIso()) : undefined;
    if (signed) {
      signedIn(request, signed);
      withoutCredentials(request);
      return done();
    }
    identify(request, reply, bearer, sessionToken).then((answered) => { if (!answered) done(); }, (e: Error) => done(e));
  });

  // After the body is parsed, before any handler: state-changing requests must prove they came from our pages.
  app.addHook('preValidation', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method) || request.authMethod === 'api-token') return;
    // A route authorised by a capability token in its URL and acting on nothing of the session (one-click unsubscribe).
    if (request.routeOptions.config?.csrfExempt === true) return;
    // A public API call carries no ambient authority (no session cookie): nothing to forge.
    if (request.url.startsWith('/api/') && !request.session) return;
    if (tokensMatch(request.csrfToken, submittedCsrfToken(request))) return;
    request.log.warn({ url: request.url, field: CSRF_FIELD }, 'CSRF token missing or wrong');
    reply.code(403);
    if (request.url.startsWith('/api/')) return reply.send({ error: 'csrf', message: 'Missing or wrong CSRF token (send it in the x-csrf-token header)' });
    return errorPage(reply, 403, {
      pageTitle: 'Your form has expired',
      heading: 'Your form has expired',
      message: 'The page you sent the form from was too old, or you have signed out since. Go back, reload the page and try again.',
    });
  });
}, { name: 'moot-auth', dependencies: ['moot-viewer', 'moot-views'] });
