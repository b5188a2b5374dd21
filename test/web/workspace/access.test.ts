// Only Democratic Services reach the workspace: councillors get 403 on every workspace route, the public are sent
// to sign in (or refused a POST without a CSRF token), and a clerk's POST without the token is refused.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, Client, sessionClient } from '../auth/helpers.js';
import { clerkClient, workspaceApp } from './helpers.js';

describe.each(STORE_KINDS)('workspace access on %s', (kind) => {
  const get = useTestStore(kind);

  it('refuses councillors, report authors and the public on every workspace route', async (ctx) => {
    const { store } = get(ctx);
    const app = await workspaceApp(store, () => '2024-06-01');
    const routes = app.registeredRoutes.filter((r) => r.url.startsWith('/workspace') && (r.method === 'GET' || r.method === 'POST'));
    expect(routes.length).toBeGreaterThan(40);
    const councillor = await sessionClient(app, store, (await addUser(store, 'councillor')).id);
    const author = await sessionClient(app, store, (await addUser(store, 'report-author')).id);
    const publicClient = new Client(app);
    for (const r of routes) {
      const url = r.url.replace(/:[A-Za-z]+/g, '1');
      for (const [who, c] of [['councillor', councillor], ['report author', author]] as const) {
        const res = await c.client.request(r.method, url, r.method === 'POST' ? { form: { _csrf: c.csrf } } : {});
        expect(res.statusCode, `${who} ${r.method} ${url}`).toBe(403);
      }
      const res = await publicClient.request(r.method, url, r.method === 'POST' ? { form: {} } : {});
      if (r.method === 'GET') {
        expect(res.statusCode, `public GET ${url}`).toBe(303);
        expect(res.headers.location).toBe(`/account/sign-in?next=${encodeURIComponent(url)}`);
      } else expect(res.statusCode, `public POST ${url}`).toBe(403);
    }
    await app.close();
  });

  it('refuses a clerk\'s change without the CSRF token and records nothing', async (ctx) => {
    const { store } = get(ctx);
    const app = await workspaceApp(store, () => '2024-06-01');
    const { client, csrf } = await clerkClient(app, store);
    const before = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const form = { name: 'Standards Committee', kind: 'regulatory-committee', agendaStyle: 'numbered' };
    const missing = await client.post('/workspace/bodies/new', form);
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Your form has expired');
    const wrong = await client.post('/workspace/bodies/new', { ...form, _csrf: `${csrf.slice(0, -2)}xx` });
    expect(wrong.statusCode).toBe(403);
    expect(await store.db.selectFrom('body').selectAll().execute()).toHaveLength(0);
    const after = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // With the token the same form succeeds; a missing field is named in the error summary.
    expect((await client.post('/workspace/bodies/new', { ...form, _csrf: csrf })).statusCode).toBe(303);
    const invalid = await client.post('/workspace/bodies/new', { _csrf: csrf, name: '', kind: 'nonsense', agendaStyle: 'numbered' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('<a href="#name">Enter the name of the body</a>');
    expect(invalid.body).toContain('<a href="#kind">Select what kind of body it is</a>');
    await app.close();
  });
});
