// Shared by the auth tests: an app on a test store, users of every role, and a cookie-keeping client over inject.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createSession, createUser } from '../../../src/store/accounts.js';
import type { Store } from '../../../src/store/db.js';
import { buildApp, type AppOptions } from '../../../src/web/app.js';

export const PASSWORD = 'correct horse battery staple';

export async function appOn(store: Store, extra: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ store, today: () => '2024-06-01', ...extra });
  await app.ready();
  return app;
}

let seq = 0;
export async function addUser(store: Store, role: Role, options: { personId?: number | null; email?: string } = {}) {
  const email = options.email ?? `${role}-${++seq}-${Date.now()}@example.org`;
  const id = await createUser(store.db, SYSTEM_ACTOR, { email, displayName: `Test ${role}`, role, personId: options.personId ?? null, password: PASSWORD });
  return { id, email };
}

/** A browser-like client: keeps cookies between requests, and can read the CSRF token out of a page. */
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance, readonly ip = '10.0.0.1') {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, url: string, options: { form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    // The client's own address (no proxy is trusted by default, so X-Forwarded-For would be ignored).
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload, remoteAddress: this.ip });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now());
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }

  post(url: string, form: Record<string, string>, headers?: Record<string, string>) {
    return this.request('POST', url, { form, headers });
  }

  /** The _csrf value of the first form on a page. */
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF field on the page');
    return m[1];
  }

  async signIn(email: string, password = PASSWORD, next?: string): Promise<LightMyRequestResponse> {
    const page = await this.get('/account/sign-in' + (next ? `?next=${encodeURIComponent(next)}` : ''));
    return this.post('/account/sign-in', { _csrf: Client.csrfOf(page.body), email, password, next: next ?? '' });
  }
}

/** A client already signed in, without going through the (rate-limited) sign-in form. */
export async function sessionClient(app: FastifyInstance, store: Store, userId: number, ip?: string): Promise<{ client: Client; csrf: string }> {
  const session = await createSession(store.db, userId);
  const client = new Client(app, ip);
  client.cookies.set('moot_session', session.token);
  return { client, csrf: session.csrfToken };
}
