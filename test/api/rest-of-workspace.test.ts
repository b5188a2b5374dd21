// The last workspace actions brought into the API, on SQLite and PostgreSQL: a Cabinet member's portfolio, a
// webhook's edit, switching it on again and sending a delivery again, and a person's photo (JSON with base64 or
// multipart). Each works with a clerk's token, is refused (403 problem+json) with a read-only or councillor's token,
// names the field when the input is wrong, and is audited; a token limited to one committee may change the
// portfolio of a membership of that committee only, and never the council-wide webhooks or photos.
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createApiToken } from '../../src/store/accounts.js';
import { enqueue } from '../../src/store/outbox.js';
import { getPersonPhoto } from '../../src/store/people.js';
import { createWebhook, disableWebhook } from '../../src/store/webhooks.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { appWith, Client, multipart, seedCouncil } from './fixture.js';


describe.each(STORE_KINDS)('the rest of the workspace through the API on %s', (kind) => {
  const get = useTestStore(kind);
  let client: Client | null = null;
  afterAll(async () => {
    await client?.app.close();
  });

  it('changes a portfolio, edits, switches on and resends webhooks, and uploads a photo', async (ctx) => {
    const t = get(ctx);
    const c = await seedCouncil(t.store);
    const api = (client = await new Client(await appWith(t.store), t.store, c).init());
    const db = t.store.db;
    const alphaOnly = (await createApiToken(db, SYSTEM_ACTOR, c.users.clerk.userId, 'alpha only', { scopes: ['read', 'write'], bodyIds: [c.alpha.id] })).token;
    const limited = (method: 'POST' | 'PUT', url: string, payload: unknown) => api.send(method, url, payload, alphaOnly);

    // A Cabinet member's portfolio, from a date: a continuing membership holds it; the old one ends the day before.
    const old = await db.selectFrom('membership').select(['id', 'body_id']).where('body_id', '=', c.alpha.id).executeTakeFirstOrThrow();
    const changed = await api.write('POST', `/api/v1/memberships/${old.id}/portfolio`, { portfolio: 'Highways and Transport', fromDate: '2024-05-20' });
    const m = { id: changed.json().id as number };
    expect(m.id).not.toBe(old.id);
    expect(changed.json()).toMatchObject({ continues: old.id, bodyId: c.alpha.id, portfolio: 'Highways and Transport', startsOn: '2024-05-20', endsOn: null });
    expect(await db.selectFrom('membership').select(['portfolio', 'ends_on']).where('id', '=', old.id).executeTakeFirstOrThrow()).toMatchObject({ portfolio: null, ends_on: '2024-05-19' });
    await api.audited('membership', old.id, 'change-portfolio');
    await api.invalid('POST', `/api/v1/memberships/${old.id}/portfolio`, { portfolio: 'Finance', fromDate: '2024-05-25' }, 'fromDate', /ended on/);
    await api.invalid('POST', `/api/v1/memberships/${m.id}/portfolio`, { portfolio: 'Finance', fromDate: '20 May' }, 'fromDate', /date, YYYY-MM-DD/);
    await api.invalid('POST', `/api/v1/memberships/${m.id}/portfolio`, { portfolio: 'Finance' }, 'fromDate', /required/);
    await api.invalid('POST', `/api/v1/memberships/${m.id}/portfolio`, { portfolio: 'Finance', fromDate: '2024-05-01' }, 'fromDate', /cannot start before/);
    await api.invalid('POST', `/api/v1/memberships/${m.id}/portfolio`, { portfolio: 'Highways and Transport', fromDate: '2024-05-21' }, 'portfolio', /different/);
    expect((await api.send('POST', '/api/v1/memberships/999999/portfolio', { portfolio: 'X', fromDate: '2024-05-20' }, c.users.clerk.token)).statusCode).toBe(404);
    // A token limited to Alpha: Alpha's membership yes, Beta's no.
    const mine = await limited('POST', `/api/v1/memberships/${m.id}/portfolio`, { portfolio: 'Finance', fromDate: '2024-05-20' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ id: m.id, continues: null, portfolio: 'Finance' });
    const betaM = await db.selectFrom('membership').select('id').where('body_id', '=', c.beta.id).executeTakeFirstOrThrow();
    const outside = await limited('POST', `/api/v1/memberships/${betaM.id}/portfolio`, { portfolio: 'Finance', fromDate: '2024-05-25' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ error: 'outside-token-bodies' });

    // Webhooks: edit the address and events; waiting deliveries go to the new address.
    const { id: hookId, secret } = await createWebhook(db, SYSTEM_ACTOR, { url: 'https://old.example.org/hook', events: ['agenda-published'] });
    await enqueue(db, { idempotencyKey: `webhook:${hookId}:e1`, channel: 'webhook', purpose: 'webhook', recipient: 'https://old.example.org/hook', meetingId: null, subject: 'agenda-published',
      payload: { url: 'https://old.example.org/hook', event: 'agenda-published', body: JSON.stringify({ id: 'e1', type: 'agenda-published' }), secret } }, new Date().toISOString());
    const edited = await api.write('PUT', `/api/v1/webhooks/${hookId}`, { url: 'https://new.example.org/hook', events: ['agenda-published', 'decision-published'] });
    expect(edited.json()).toMatchObject({ id: hookId, url: 'https://new.example.org/hook', events: ['agenda-published', 'decision-published'], active: true });
    expect(edited.body).not.toContain(secret);
    expect((await db.selectFrom('outbox').select('recipient').where('idempotency_key', '=', `webhook:${hookId}:e1`).executeTakeFirstOrThrow()).recipient).toBe('https://new.example.org/hook');
    await api.audited('webhook', hookId, 'update');
    await api.invalid('PUT', `/api/v1/webhooks/${hookId}`, { url: 'http://example.org/hook', events: ['agenda-published'] }, 'url', /https:\/\//);
    await api.invalid('PUT', `/api/v1/webhooks/${hookId}`, { url: 'https://example.org/hook', events: [] }, 'events', /at least 1/);
    await api.invalid('PUT', `/api/v1/webhooks/${hookId}`, { url: 'https://example.org/hook', events: ['meeting-moved'] }, 'events.0', /one of/);
    expect((await api.send('PUT', '/api/v1/webhooks/999999', { url: 'https://example.org/hook', events: ['agenda-published'] }, c.users.clerk.token)).statusCode).toBe(404);
    expect((await limited('PUT', `/api/v1/webhooks/${hookId}`, { url: 'https://example.org/hook', events: ['agenda-published'] })).json()).toMatchObject({ status: 403, error: 'outside-token-bodies' });

    // Switched on again after being switched off; an active one is not "switched off" (404).
    expect((await api.send('POST', `/api/v1/webhooks/${hookId}/switch-on`, {}, c.users.clerk.token)).statusCode).toBe(404);
    await disableWebhook(db, SYSTEM_ACTOR, hookId, 'Delivery failed 3 times');
    const on = await api.write('POST', `/api/v1/webhooks/${hookId}/switch-on`, {});
    expect(on.json()).toMatchObject({ id: hookId, active: true, disabledReason: null });
    expect((await db.selectFrom('webhook').select('active').where('id', '=', hookId).executeTakeFirstOrThrow()).active).toBe(1);
    await api.invalid('POST', '/api/v1/webhooks/0/switch-on', {}, 'id', /more than 0/);

    // A delivery sent again: a new delivery of the same event to the address now.
    const original = await db.selectFrom('outbox').select('id').where('idempotency_key', '=', `webhook:${hookId}:e1`).executeTakeFirstOrThrow();
    const resent = await api.write('POST', `/api/v1/webhooks/${hookId}/deliveries/${original.id}/resend`, {}, 202);
    const again = await db.selectFrom('outbox').select(['id', 'recipient', 'subject']).where('id', '=', resent.json().id as number).executeTakeFirstOrThrow();
    expect(again).toMatchObject({ recipient: 'https://new.example.org/hook', subject: 'agenda-published' });
    expect(again.id).not.toBe(original.id);
    await api.audited('webhook', hookId, 'resend');
    expect((await api.send('POST', `/api/v1/webhooks/${hookId}/deliveries/999999/resend`, {}, c.users.clerk.token)).statusCode).toBe(404);
    await api.invalid('POST', `/api/v1/webhooks/${hookId}/deliveries/x/resend`, {}, 'deliveryId', /number/);

    // A person's photo, as JSON with base64 and as multipart; re-encoded; a bad image is refused naming the field.
    const person = await db.selectFrom('person').select(['id', 'slug']).where('surname', '=', 'Ashby').executeTakeFirstOrThrow();
    const png = await sharp({ create: { width: 160, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    const up = await api.write('PUT', `/api/v1/people/${person.slug}/photo`, { fileName: 'ashby.png', contentBase64: png.toString('base64') });
    expect(up.json()).toEqual({ person: person.slug, photoUrl: `/people/${person.slug}/photo` });
    const stored = await getPersonPhoto(db, person.slug);
    expect(stored?.type).toMatch(/^image\//);
    await api.audited('person', person.id);
    const jpeg = await sharp({ create: { width: 120, height: 120, channels: 3, background: { r: 0, g: 90, b: 200 } } }).jpeg().toBuffer();
    const form = multipart({}, { name: 'file', fileName: 'ashby.jpg', type: 'image/jpeg', bytes: jpeg });
    const viaForm = await api.app.inject({ method: 'PUT', url: `/api/v1/people/${person.slug}/photo`, payload: form.payload, headers: { 'content-type': form.contentType, authorization: `Bearer ${c.users.clerk.token}` } });
    expect(viaForm.statusCode, viaForm.body).toBe(200);
    expect((await getPersonPhoto(db, person.slug))?.sha256).not.toBe(stored?.sha256);
    await api.invalid('PUT', `/api/v1/people/${person.slug}/photo`, { fileName: 'ashby.png' }, 'contentBase64', /required/);
    await api.invalid('PUT', `/api/v1/people/${person.slug}/photo`, { fileName: 'ashby.png', contentBase64: '!!!' }, 'contentBase64', /not base64/);
    await api.invalid('PUT', `/api/v1/people/${person.slug}/photo`, { contentBase64: png.toString('base64') }, 'fileName', /required/);
    const tiny = await sharp({ create: { width: 40, height: 50, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    await api.invalid('PUT', `/api/v1/people/${person.slug}/photo`, { fileName: 'tiny.png', contentBase64: tiny.toString('base64') }, 'photo', /at least 100 pixels/);
    await api.invalid('PUT', `/api/v1/people/${person.slug}/photo`, { fileName: 'notes.txt', contentBase64: Buffer.from('not an image at all').toString('base64') }, 'photo');
    const noFile = multipart({ note: 'x' });
    const noFileRes = await api.app.inject({ method: 'PUT', url: `/api/v1/people/${person.slug}/photo`, payload: noFile.payload, headers: { 'content-type': noFile.contentType, authorization: `Bearer ${c.users.clerk.token}` } });
    expect(noFileRes.statusCode).toBe(400);
    expect(noFileRes.json()).toMatchObject({ field: 'file' });
    expect((await api.send('PUT', '/api/v1/people/no-such-person/photo', { fileName: 'a.png', contentBase64: png.toString('base64') }, c.users.clerk.token)).statusCode).toBe(404);
    expect((await limited('PUT', `/api/v1/people/${person.slug}/photo`, { fileName: 'a.png', contentBase64: png.toString('base64') })).json()).toMatchObject({ status: 403, error: 'outside-token-bodies' });
    // Removed: the public page has no photo any more.
    await api.write('DELETE', `/api/v1/people/${person.slug}/photo`, undefined, 204);
    expect(await getPersonPhoto(db, person.slug)).toBeNull();

    // Documented: every new operation is in the OpenAPI document.
    const doc = (await api.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/webhooks/{id}'] ?? {})).toContain('put');
    expect(doc.paths['/api/v1/webhooks/{id}/switch-on']?.post).toBeDefined();
    expect(doc.paths['/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend']?.post).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/people/{slug}/photo'] ?? {}).sort()).toEqual(['delete', 'put']);
    expect(doc.paths['/api/v1/memberships/{id}/portfolio']?.post).toBeDefined();
  });
});
