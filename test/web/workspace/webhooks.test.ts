// Webhooks on both databases: Democratic Services register an endpoint in the workspace (the secret shown once,
// never in the list), a published agenda reaches it signed through the outbox, a failure is retried and the
// delivery log shows every attempt; an endpoint is edited (waiting deliveries follow it), switched off by the outbox
// when a delivery fails for good, switched on again, and a delivery sent again, each audited; the API registers,
// lists, reads the log and switches off; bad input is refused naming the field.
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

  it('edits an endpoint, is switched off when a delivery fails for good, switched on again, and sends a delivery again, all audited', async (ctx) => {
    const t = get(ctx);
    const a = app ?? (app = await buildApp({ store: t.store, today: () => '2024-06-01', routes: registerPortal() }));
    const clerkId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `edit-clerk-${kind}@example.org`, displayName: 'Edit Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const clerk = await Browser.signedIn(a, t.store, clerkId);
    const made = await clerk.post('/workspace/webhooks', { url: 'https://old.example.org/hook', events: ['agenda-published'] });
    const secret = /data-testid="webhook-secret">(whsec_[A-Za-z0-9_-]+)</.exec(made.body)![1];
    const hook = await t.store.db.selectFrom('webhook').select('id').where('url', '=', 'https://old.example.org/hook').executeTakeFirstOrThrow();
    const audits = async () => (await t.store.db.selectFrom('audit_log').select(['action', 'actor_name', 'summary']).where('entity', '=', 'webhook').where('entity_id', '=', String(hook.id)).orderBy('id').execute());
    const key = (n: string) => `webhook:${hook.id}:${n}`;
    const queue = (n: string) => enqueue(t.store.db, { idempotencyKey: key(n), channel: 'webhook', purpose: 'webhook', recipient: 'https://old.example.org/hook', meetingId: null, subject: 'agenda-published',
      payload: { url: 'https://old.example.org/hook', event: 'agenda-published', body: JSON.stringify({ id: `event-${n}`, type: 'agenda-published' }), secret } }, new Date(Date.now() - 1000).toISOString());
    await queue('1');

    // Edit: the page shows the form filled in; bad input is refused naming the field; a good edit moves the waiting delivery.
    const page = await clerk.request('GET', `/workspace/webhooks/${hook.id}`);
    expect(page.body).toContain('Change this webhook');
    expect(page.body).toMatch(/name="url"[^>]*value="https:\/\/old\.example\.org\/hook"/);
    const bad = await clerk.post(`/workspace/webhooks/${hook.id}`, { url: 'http://elsewhere.example.org/hook', events: 'agenda-published' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must start https://');
    const noEvents = await clerk.post(`/workspace/webhooks/${hook.id}`, { url: 'https://new.example.org/hook' });
    expect(noEvents.statusCode).toBe(400);
    expect(noEvents.body).toContain('Choose at least one event');
    const edited = await clerk.post(`/workspace/webhooks/${hook.id}`, { url: 'https://new.example.org/hook', events: ['agenda-published', 'forward-plan-published'] });
    expect(edited.statusCode).toBe(303);
    expect(edited.headers.location).toBe(`/workspace/webhooks/${hook.id}?done=changed`);
    expect(await t.store.db.selectFrom('webhook').select(['url', 'events_json']).where('id', '=', hook.id).executeTakeFirstOrThrow())
      .toEqual({ url: 'https://new.example.org/hook', events_json: JSON.stringify(['agenda-published', 'forward-plan-published']) });
    const moved = await t.store.db.selectFrom('outbox').select(['recipient', 'payload_json']).where('idempotency_key', '=', key('1')).executeTakeFirstOrThrow();
    expect(moved.recipient).toBe('https://new.example.org/hook');
    expect(JSON.parse(moved.payload_json)).toMatchObject({ url: 'https://new.example.org/hook', secret });
    expect((await audits()).at(-1)).toMatchObject({ action: 'update', actor_name: `edit-clerk-${kind}@example.org`, summary: `Webhook ${hook.id} changed: https://new.example.org/hook for agenda-published, forward-plan-published` });

    // The endpoint fails every attempt: after the last, the delivery is failed and the endpoint switched off.
    const urls: string[] = [];
    let answer = 503;
    const fakeFetch = (async (url: string) => {
      if (/\/\/(old|new)\.example\.org\//.test(url)) urls.push(url); // (earlier tests' deliveries may also be due)
      return new Response('', { status: answer });
    }) as unknown as typeof fetch;
    let clock = Date.now();
    for (let i = 0; i < 3; i++) {
      await deliverDue(t.store, { fetch: fakeFetch, maxAttempts: 3, baseDelayMs: 1, now: () => new Date(clock) } as never);
      clock += 3600_000;
    }
    expect(urls).toEqual(Array(3).fill('https://new.example.org/hook'));
    const failed = await t.store.db.selectFrom('outbox').select(['id', 'status']).where('idempotency_key', '=', key('1')).executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
    const off = await t.store.db.selectFrom('webhook').select(['active', 'disabled_reason']).where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(off.active).toBe(0);
    expect(off.disabled_reason).toBe(`Delivery ${failed.id} (agenda-published) failed 3 times: the endpoint answered 503`);
    expect((await audits()).at(-1)).toMatchObject({ action: 'update', actor_name: 'webhook deliveries' });
    const offPage = await clerk.request('GET', `/workspace/webhooks/${hook.id}`);
    expect(offPage.body).toContain('Webhook switched off');
    expect(offPage.body).toContain('failed 3 times: the endpoint answered 503');
    expect((await clerk.request('GET', '/workspace/webhooks')).body).toContain('Off: switched off after a failed delivery');

    // Switched on again, and the failed delivery sent again: a new delivery of the same event, to the address now.
    const on = await clerk.post(`/workspace/webhooks/${hook.id}/on`, {});
    expect(on.statusCode).toBe(303);
    expect((await clerk.post(`/workspace/webhooks/${hook.id}/on`, {})).statusCode).toBe(404);
    expect(await t.store.db.selectFrom('webhook').select(['active', 'disabled_reason']).where('id', '=', hook.id).executeTakeFirstOrThrow()).toEqual({ active: 1, disabled_reason: null });
    expect((await audits()).at(-1)).toMatchObject({ action: 'update', actor_name: `edit-clerk-${kind}@example.org`, summary: `Webhook ${hook.id} switched on again` });
    const resent = await clerk.post(`/workspace/webhooks/${hook.id}/deliveries/${failed.id}/resend`, {});
    expect(resent.statusCode).toBe(303);
    expect((await clerk.post(`/workspace/webhooks/${hook.id}/deliveries/999999/resend`, {})).statusCode).toBe(404);
    const again = await t.store.db.selectFrom('outbox').select(['id', 'idempotency_key', 'status', 'payload_json']).where('idempotency_key', 'like', `${key('1')}:resent:%`).execute();
    expect(again).toHaveLength(1);
    expect(JSON.parse(again[0].payload_json)).toMatchObject({ url: 'https://new.example.org/hook', body: JSON.stringify({ id: 'event-1', type: 'agenda-published' }) });
    expect((await audits()).at(-1)).toMatchObject({ action: 'resend', summary: `Webhook ${hook.id}: delivery ${failed.id} (agenda-published) sent again as delivery ${again[0].id}` });
    answer = 200;
    urls.length = 0;
    await deliverDue(t.store, { fetch: fakeFetch, now: () => new Date(clock) } as never);
    expect(urls).toEqual(['https://new.example.org/hook']);
    const log = await clerk.request('GET', `/workspace/webhooks/${hook.id}?done=resent`);
    expect(log.body).toContain('The delivery is queued to be sent again');
    expect(log.body).toContain('agenda-published (sent again)');
    expect(log.body).toMatch(/Sent<\/strong>/);
    // Another endpoint's delivery cannot be sent again through this one.
    const other = await t.store.db.selectFrom('outbox').select('id').where('channel', '=', 'webhook').where('idempotency_key', 'not like', `webhook:${hook.id}:%`).executeTakeFirst();
    if (other) expect((await clerk.post(`/workspace/webhooks/${hook.id}/deliveries/${other.id}/resend`, {})).statusCode).toBe(404);
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
