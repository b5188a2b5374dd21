// Signing in and out through the web: messages, rotation, cookie flags, timeouts, CSRF, open redirects, API tokens,
// rate limiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createApiToken, hashSecret, SESSION_IDLE_MS } from '../../../src/store/accounts.js';
import { SIGN_IN_FAILED } from '../../../src/web/routes/account/sign-in.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, Client, PASSWORD, sessionClient } from './helpers.js';

describe.each(STORE_KINDS)('sessions and CSRF on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  const appFor = async (ctx: Parameters<typeof get>[0]) => (app ??= await appOn(get(ctx).store));
  afterAll(async () => app?.close());
  let ipSeq = 0;
  const client = (a: FastifyInstance) => new Client(a, `10.1.0.${++ipSeq}`);

  it('signs in with a rotated, httpOnly SameSite=Lax session cookie whose hash alone is stored', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const c = client(a);
    // A session id planted in the browser beforehand (session fixation) is replaced, not adopted.
    const planted = (await sessionClient(a, store, (await addUser(store, 'clerk')).id)).client.cookies.get('moot_session')!;
    c.cookies.set('moot_session', planted);
    const page = await c.get('/account/sign-in');
    expect(page.statusCode).toBe(200);
    const res = await c.post('/account/sign-in', { _csrf: Client.csrfOf(page.body), email: u.email.toUpperCase(), password: PASSWORD, next: '/account' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/moot_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/moot_session=[^;]+;.*SameSite=Lax/i);
    expect(setCookie).not.toMatch(/moot_session=[^;]+;[^,]*Secure/i);
    const token = c.cookies.get('moot_session')!;
    expect(token).not.toBe(planted);
    expect(await store.db.selectFrom('user_session').select('id').where('id', '=', hashSecret(planted)).executeTakeFirst()).toBeUndefined();
    expect(await store.db.selectFrom('user_session').select('id').where('id', '=', hashSecret(token)).executeTakeFirst()).toBeDefined();
    const account = await c.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(u.email);
  });

  it('marks cookies Secure behind an HTTPS proxy (a configured, trusted one)', async (ctx) => {
    const a = await appOn(get(ctx).store, { trustProxy: ['10.0.0.0/8'] });
    const u = await addUser(get(ctx).store, 'clerk');
    const c = new Client(a, '10.1.1.1');
    const page = await c.get('/account/sign-in', { 'x-forwarded-proto': 'https' });
    expect(String(page.headers['set-cookie'])).toMatch(/moot_csrf=[^;]+;.*Secure/i);
    const res = await c.request('POST', '/account/sign-in', { form: { _csrf: Client.csrfOf(page.body), email: u.email, password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(String(res.headers['set-cookie'])).toMatch(/moot_session=[^;]+;.*Secure/i);
    await a.close();
  });

  it('ignores X-Forwarded-* from a client that is not a configured proxy (issue 10 defects 7 and 8)', async (ctx) => {
    const a = await appFor(ctx);
    const page = await client(a).get('/account/sign-in', { 'x-forwarded-proto': 'https' });
    expect(String(page.headers['set-cookie'])).not.toMatch(/Secure/i);
    // Rotating X-Forwarded-For does not escape the per-address limit.
    const u = await addUser(get(ctx).store, 'clerk');
    const attacker = new Client(a, '10.66.0.1');
    const form = await attacker.get('/account/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await attacker.post('/account/sign-in', { _csrf: Client.csrfOf(form.body), email: u.email, password: 'wrong password here' }, { 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(res.statusCode);
    }
    expect(statuses).toContain(429);
  });

  it('gives one message for an unknown email, a wrong password and a locked account', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'councillor');
    const c = client(a);
    const messages = new Set<string>();
    const unknown = await c.signIn('nobody-here@example.org');
    expect(unknown.statusCode).toBe(400);
    for (let i = 0; i < 5; i++) {
      const r = await c.signIn(u.email, 'not the password at all');
      expect(r.statusCode).toBe(400);
      messages.add(/govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]*)</.exec(r.body)![1].trim());
    }
    messages.add(/govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]*)</.exec(unknown.body)![1].trim());
    // Locked now: the right password is refused with the same words.
    const locked = await client(a).signIn(u.email);
    expect(locked.statusCode).toBe(400);
    messages.add(/govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]*)</.exec(locked.body)![1].trim());
    expect([...messages]).toEqual([SIGN_IN_FAILED]);
  });

  it('ends a session idle for 30 minutes, and on sign-out', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const { client: c, csrf } = await sessionClient(a, store, u.id);
    expect((await c.get('/account')).statusCode).toBe(200);
    const id = hashSecret(c.cookies.get('moot_session')!);
    await store.db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - SESSION_IDLE_MS - 1000).toISOString() }).where('id', '=', id).execute();
    const idle = await c.get('/account');
    expect(idle.statusCode).toBe(303);
    expect(idle.headers.location).toBe('/account/sign-in?next=%2Faccount');
    expect(c.cookies.has('moot_session')).toBe(false);

    const { client: c2, csrf: csrf2 } = await sessionClient(a, store, u.id);
    expect(csrf2).not.toBe(csrf);
    const out = await c2.post('/account/sign-out', { _csrf: csrf2 });
    expect(out.statusCode).toBe(303);
    expect(await store.db.selectFrom('user_session').select('id').where('id', '=', hashSecret(csrf2)).executeTakeFirst()).toBeUndefined();
    expect((await c2.get('/account')).statusCode).toBe(303);
  });

  it('ends a session past its absolute lifetime', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const { client: c } = await sessionClient(a, store, u.id);
    await store.db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', hashSecret(c.cookies.get('moot_session')!)).execute();
    expect((await c.get('/account')).statusCode).toBe(303);
  });

  it('refuses a state-changing request without the CSRF token, or with a wrong one', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const { client: c, csrf } = await sessionClient(a, store, u.id);
    const missing = await c.post('/account/api-tokens', { name: 'no token' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Your form has expired');
    expect((await c.post('/account/api-tokens', { name: 'wrong', _csrf: csrf.slice(0, -2) + 'xx' })).statusCode).toBe(403);
    // Another user's token is no good either.
    const other = await sessionClient(a, store, (await addUser(store, 'clerk')).id);
    expect((await c.post('/account/api-tokens', { name: 'theirs', _csrf: other.csrf })).statusCode).toBe(403);
    expect(await store.db.selectFrom('api_token').select('id').where('user_id', '=', u.id).execute()).toHaveLength(0);
    // The right token, in the field or the header, works.
    expect((await c.post('/account/api-tokens', { name: 'field', _csrf: csrf })).statusCode).toBe(200);
    expect((await c.post('/account/api-tokens', { name: 'header' }, { 'x-csrf-token': csrf })).statusCode).toBe(200);
    // Signing out is a POST too: a cross-site form cannot sign anyone out.
    expect((await c.post('/account/sign-out', {})).statusCode).toBe(403);
    expect((await c.get('/account')).statusCode).toBe(200);
  });

  it('protects the sign-in form with a double-submit cookie before there is a session', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    // A forged sign-in (login CSRF) from another site has neither the cookie nor the matching field.
    const forged = await client(a).post('/account/sign-in', { email: u.email, password: PASSWORD });
    expect(forged.statusCode).toBe(403);
    const c = client(a);
    const page = await c.get('/account/sign-in');
    const token = Client.csrfOf(page.body);
    // A wrong token: the right one with its first character changed (to something it surely is not).
    const wrong = (token[0] === 'x' ? 'y' : 'x') + token.slice(1);
    const res = await c.post('/account/sign-in', { _csrf: wrong, email: u.email, password: PASSWORD });
    expect(res.statusCode).toBe(403);
    // A field that matches a cookie the attacker cannot set is refused when the cookie is absent.
    const noCookie = client(a);
    expect((await noCookie.post('/account/sign-in', { _csrf: Client.csrfOf(page.body), email: u.email, password: PASSWORD })).statusCode).toBe(403);
  });

  it.for([
    ['//evil.example/x'], ['/\\evil.example'], ['\\\\evil.example'], ['http://evil.example/'], ['https:evil.example'], ['javascript:alert(1)'],
    ['%2F%2Fevil.example'], ['/%2F%2Fevil.example'], ['%5C%5Cevil.example'], ['/%5Cevil.example'], ['/%252F%252Fevil.example'], ['/\tevil'], [' //evil.example'],
    // Issue 10 defect 6: paths that only normalise to "//evil" (dot segments, encoded dots).
    ['/..//evil.example'], ['/%2e%2e//evil.example'], ['/a/../..//evil.example'], ['/.//evil.example'], ['/%2E%2E/%2F/evil.example'],
  ])('never redirects off-site after sign-in: next=%s', async ([next], ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const res = await client(a).signIn(u.email, PASSWORD, next);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location.startsWith('/') && !location.startsWith('//') && !location.includes('\\')).toBe(true);
    expect(location).toBe('/account');
  });

  it('never reflects an off-site next into the sign-in form (issue 10 defect 6)', async (ctx) => {
    const a = await appFor(ctx);
    for (const next of ['/..//evil.example', '/%2e%2e//evil.example']) {
      const page = await client(a).get(`/account/sign-in?next=${encodeURIComponent(next)}`);
      expect(page.body).not.toContain('//evil.example');
      expect(page.body).toMatch(/name="next" value="\/account"/);
    }
  });

  it('follows a local next path after sign-in', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const res = await client(a).signIn(u.email, PASSWORD, '/account/api-tokens?x=1');
    expect(res.headers.location).toBe('/account/api-tokens?x=1');
  });

  it('authenticates API tokens without cookies or CSRF, and refuses bad or revoked ones', async (ctx) => {
    const { store } = get(ctx);
    const a = await appFor(ctx);
    const u = await addUser(store, 'clerk');
    const t = await createApiToken(store.db, SYSTEM_ACTOR, u.id, 'integration');
    const auth = { authorization: `Bearer ${t.token}` };
    const page = await a.inject({ method: 'GET', url: '/account', headers: auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(u.email);
    // No CSRF token needed with a bearer token: a browser never sends one by itself.
    const created = await a.inject({ method: 'POST', url: '/account/api-tokens', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=second' });
    expect(created.statusCode).toBe(200);
    expect((await a.inject({ method: 'GET', url: '/account', headers: { authorization: 'Bearer moot_nonsense' } })).statusCode).toBe(401);
    expect((await a.inject({ method: 'GET', url: '/', headers: { authorization: 'Bearer ' } })).statusCode).toBe(401);
    const revoke = await a.inject({ method: 'POST', url: `/account/api-tokens/${t.id}/revoke`, headers: auth });
    expect(revoke.statusCode).toBe(303);
    expect((await a.inject({ method: 'GET', url: '/account', headers: auth })).statusCode).toBe(401);
  });

  it('rate-limits sign-in attempts per IP address', async (ctx) => {
    const a = await appFor(ctx);
    const c = client(a);
    const page = await c.get('/account/sign-in');
    const csrf = Client.csrfOf(page.body);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await c.post('/account/sign-in', { _csrf: csrf, email: '', password: '' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is not affected, nor are other pages.
    expect((await client(a).signIn('someone@example.org', 'whatever password')).statusCode).toBe(400);
    expect((await c.get('/account/sign-in')).statusCode).toBe(200);
  });

  it('serves public pages without touching the session store when there is no cookie', async (ctx) => {
    const a = await appFor(ctx);
    const res = await a.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('app without a database round trip for the public', () => {
  let app: FastifyInstance;
  let queries = 0;
  let cleanup: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const { createSqliteTestStore } = await import('../../helpers/stores.js');
    const ts = await createSqliteTestStore();
    app = await appOn(ts.store);
    // Count queries made on behalf of the auth layer: wrap the store's executor.
    const { db } = ts.store;
    const original = db.getExecutor().executeQuery.bind(db.getExecutor());
    (db.getExecutor() as { executeQuery: typeof original }).executeQuery = ((...args: Parameters<typeof original>) => {
      const sqlText = String((args[0] as { sql?: string }).sql ?? '');
      if (/user_session|api_token|user_account/.test(sqlText)) queries++;
      return original(...args);
    }) as typeof original;
    cleanup = () => ts.cleanup();
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('does not look up sessions for a request without cookies', async () => {
    await app.inject({ method: 'GET', url: '/account/sign-in' });
    await app.inject({ method: 'GET', url: '/static/moot.css' });
    expect(queries).toBe(0);
    await app.inject({ method: 'GET', url: '/account', headers: { cookie: 'moot_session=abc' } });
    expect(queries).toBeGreaterThan(0);
  });
});
