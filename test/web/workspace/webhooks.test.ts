// Webhooks on both databases: Democratic Services register an endpoint in the workspace (the secret shown once,
// never in the list), a published agenda reaches it signed through the outbox, a failure is retried and the
// delivery log shows every attempt; the API registers, lists, reads the log and switches off; bad input is refused
// naming the field.
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { deliverDue } from '../../../src/services/outbox.js';
import { createApiToken, createUser } from '../../../src/store/accounts.js';
import { enqueue } from '../../../src/store/outbox.js';
import { buildApp } from '../../../src/web/app.js';
import { registerPortal } from '../../../src/server.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { Browser } from '../../api/fixture.js';

describe.each(STORE_KINDS)('webhooks on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('registers in the workspace, shows the secret once, delivers signed through the outbox with retries, and logs each delivery', async (ctx) => {
    const t = get(ctx);
    app = await buildApp({ store: t.store, today: () => '2024-06-01', routes: registerPortal() });
    const clerkId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `clerk-${kind}@example.org`, displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const clerk = await Browser.signedIn(app, t.store, clerkId);
    const bad = await clerk.post('/workspace/webhooks', { url: 'ftp://example.org/x', events: 'agenda-published' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must start https://');
    const none = await clerk.post('/workspace/webhooks', { url: 'https://example.org/hook' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one event');
    const made = await clerk.post('/workspace/webhooks', { url: 'https://hooks.example.org/moot', events: ['agenda-published', 'decision-published'] });
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const secret = /data-testid="webhook-secret">(whsec_[A-Za-z0-9_-]+)</.exec(made.body)?.[1];
    expect(secret).toBeTruthy();
    const listed = await clerk.request('GET', '/workspace/webhooks');
    expect(listed.body).toContain('https://hooks.example.org/moot');
    expect(listed.body).not.toContain(secret!);
    const hook = await t.store.db.selectFrom('webhook').select(['id', 'events_json']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(hook.events_json)).toEqual(['agenda-published', 'decision-published']);
    expect(await t.store.db.selectFrom('audit_log').select('id').where('entity', '=', 'webhook').where('entity_id', '=', String(hook.id)).execute()).toHaveLength(1);

    // A delivery as the alert service queues one: refused once (500), then accepted, signed with the secret.
    const body = JSON.stringify({ id: 'event-1', type: 'agenda-published', title: 'Agenda: Cabinet' });
    await enqueue(t.store.db, { idempotencyKey: `webhook:${hook.id}:1`, channel: 'webhook', purpose: 'webhook', recipient: 'https://hooks.example.org/moot', meetingId: null,
      subject: 'agenda-published', payload: { url: 'https://hooks.example.org/moot', event: 'agenda-published', body, secret: secret! } }, new Date().toISOString());
    const seen: { headers: Record<string, string>; body: string }[] = [];
    let answer = 500;
    const fakeFetch = (async (_url: string, init: { headers: Record<string, string>; body: string }) => {
      seen.push({ headers: init.headers, body: init.body });
      return new Response('', { status: answer });
    }) as unknown as typeof fetch;
    await deliverDue(t.store, { fetch: fakeFetch } as never);
    let log = await clerk.request('GET', `/workspace/webhooks/${hook.id}`);
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('agenda-published');
    expect(log.body).toContain('Pending');
    answer = 204;
    await t.store.db.updateTable('outbox').set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() }).where('idempotency_key', '=', `webhook:${hook.id}:1`).execute();
    await deliverDue(t.store, { fetch: fakeFetch } as never);
    expect(seen).toHaveLength(2);
    const h = seen[1].headers;
    expect(h['x-moot-delivery']).toBe(seen[0].headers['x-moot-delivery']);
    expect(h['x-moot-signature']).toBe(`sha256=${createHmac('sha256', secret!).update(`${h['x-moot-timestamp']}.${seen[1].body}`).digest('hex')}`);
    log = await clerk.request('GET', `/workspace/webhooks/${hook.id}`);
    expect(log.body).toContain('Sent');
    expect(log.body).toMatch(/>\s*2\s*</); // two attempts

    const off = await clerk.post(`/workspace/webhooks/${hook.id}/off`, {});
    expect(off.statusCode).toBe(303);
    expect((await t.store.db.selectFrom('webhook').select('active').where('id', '=', hook.id).executeTakeFirstOrThrow()).active).toBe(0);
  });

  it('registers, lists, logs and switches off through the API', async (ctx) => {
    const t = get(ctx);
    const a = app ?? (app = await buildApp({ store: t.store, today: () => '2024-06-01', routes: registerPortal() }));
    const clerkId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `api-clerk-${kind}@example.org`, displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const { token } = await createApiToken(t.store.db, SYSTEM_ACTOR, clerkId, 'hooks');
    const h = { authorization: `Bearer ${token}` };
    const bad = await a.inject({ method: 'POST', url: '/api/v1/webhooks', headers: h, payload: { url: 'https://x.example.org', events: ['nothing'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'events.0' });
    const made = await a.inject({ method: 'POST', url: '/api/v1/webhooks', headers: h, payload: { url: 'https://api.example.org/hook', events: ['minutes-approved'] } });
    expect(made.statusCode).toBe(201);
    const { id, secret } = made.json();
    expect(secret).toMatch(/^whsec_/);
    const list = (await a.inject({ url: '/api/v1/webhooks', headers: h })).json();
    expect(list.items.find((x: { id: number }) => x.id === id)).toMatchObject({ url: 'https://api.example.org/hook', events: ['minutes-approved'], active: true });
    expect(JSON.stringify(list)).not.toContain(secret);
    expect((await a.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: h })).json()).toMatchObject({ webhook: { id }, deliveries: [] });
    expect((await a.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: h })).statusCode).toBe(204);
    expect((await a.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: h })).statusCode).toBe(404);
    expect((await a.inject({ url: '/api/v1/webhooks' })).statusCode).toBe(401);
  });
});
