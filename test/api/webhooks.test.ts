// The webhook API's requests, on SQLite and PostgreSQL: each route's one zod schema both checks the request and
// documents it in the OpenAPI document, so a wrong request is answered as on every other route (400 problem+json
// naming the field's dotted path), and the document says what the route takes and gives.
import { afterAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../src/services/webhooks.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { appWith, Client, seedCouncil, type Council } from './fixture.js';

describe.each(STORE_KINDS)('the webhook API\'s requests on %s', (kind) => {
  const get = useTestStore(kind);
  let client: Client | null = null;
  let council: Council | null = null;
  afterAll(async () => {
    await client?.app.close();
  });

  it('answers a wrong request naming the field, as the other routes do', async (ctx) => {
    const t = get(ctx);
    const c = council ?? (council = await seedCouncil(t.store));
    const api = client ?? (client = await new Client(await appWith(t.store), t.store, c).init());
    const hook = { url: 'https://hooks.example.org/moot', events: ['agenda-published'] };

    await api.invalid('POST', '/api/v1/webhooks', { events: hook.events }, 'url', /^The field "url" is required$/);
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, url: '' }, 'url', /^The field "url" must not be empty$/);
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, url: `https://x.example.org/${'a'.repeat(500)}` }, 'url', /^The field "url" must be at most 500 characters$/);
    await api.invalid('POST', '/api/v1/webhooks', { url: hook.url }, 'events', /^The field "events" is required$/);
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, events: [] }, 'events', /^The field "events" must be at least 1 entries$/);
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, events: ['agenda-published', 'meeting-moved'] }, 'events.1', new RegExp(`^The field "events.1" must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}$`));
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, events: 'agenda-published' }, 'events', /^The field "events" must be a array$/);
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, secret: 'mine' }, 'secret', /^The field "secret" is not recognised$/);
    // What needs the service: the address itself.
    await api.invalid('POST', '/api/v1/webhooks', { ...hook, url: 'http://hooks.example.org/moot' }, 'url', /https:\/\//);
    expect(await t.store.db.selectFrom('webhook').select('id').execute()).toEqual([]);

    const made = await api.write('POST', '/api/v1/webhooks', { ...hook, url: `  ${hook.url}  ` }, 201);
    const id = made.json().id as number;
    expect(made.json()).toEqual({ id, secret: expect.stringMatching(/^whsec_/), url: `/api/v1/webhooks/${id}/deliveries` });
    expect((await api.get('/api/v1/webhooks')).json().items).toEqual([expect.objectContaining({ id, url: hook.url, events: hook.events, active: true, disabledReason: null })]);

    for (const [method, url] of [['GET', '/api/v1/webhooks/0/deliveries'], ['DELETE', '/api/v1/webhooks/0']] as const) {
      const res = await api.send(method, url, undefined, c.users.clerk.token);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 400, error: 'validation', field: 'id', message: 'The path parameter "id" must be more than 0' });
    }
    expect((await api.get('/api/v1/webhooks/first/deliveries')).json()).toMatchObject({ status: 400, field: 'id', message: 'The path parameter "id" must be a number' });
    expect((await api.get(`/api/v1/webhooks/${id}/deliveries`)).json()).toEqual({ webhook: expect.objectContaining({ id, url: hook.url }), deliveries: [] });
    expect((await api.get('/api/v1/webhooks/999999/deliveries')).statusCode).toBe(404);
    expect((await api.write('DELETE', `/api/v1/webhooks/${id}`, undefined, 204)).body).toBe('');
    expect((await api.get('/api/v1/webhooks')).json().items[0]).toMatchObject({ id, active: false });
  });

  it('documents each route by the schema that checks it', async (ctx) => {
    const t = get(ctx);
    const c = council ?? (council = await seedCouncil(t.store));
    const app = (client ?? (client = await new Client(await appWith(t.store), t.store, c).init())).app;
    const doc = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, {
      parameters?: { name: string; in: string; schema: Record<string, unknown> }[];
      requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
      responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
    }>> };
    const body = (path: string, method: string) => doc.paths[path][method].requestBody!.content['application/json'].schema;
    // Registering and changing an endpoint take the same fields.
    expect(body('/api/v1/webhooks', 'post')).toEqual(body('/api/v1/webhooks/{id}', 'put'));
    expect(body('/api/v1/webhooks', 'post')).toMatchObject({
      type: 'object', required: ['url', 'events'], additionalProperties: false,
      properties: { url: { type: 'string', maxLength: 500 }, events: { type: 'array', minItems: 1, items: { enum: [...WEBHOOK_EVENT_TYPES] } } },
    });
    for (const [path, method] of [['/api/v1/webhooks/{id}/deliveries', 'get'], ['/api/v1/webhooks/{id}', 'delete']]) {
      expect(doc.paths[path][method].parameters?.find((p) => p.name === 'id'), `${method} ${path}`).toMatchObject({ in: 'path', schema: { type: 'integer', exclusiveMinimum: 0 } });
    }
    const list = doc.paths['/api/v1/webhooks'].get.responses['200'].content!['application/json'].schema as { properties: { items: { items: { properties: Record<string, unknown> } } } };
    expect(Object.keys(list.properties.items.items.properties)).toEqual(expect.arrayContaining(['id', 'url', 'events', 'active', 'disabledReason', 'disabledAt']));
    const log = doc.paths['/api/v1/webhooks/{id}/deliveries'].get.responses['200'].content!['application/json'].schema as { properties: { deliveries: { items: { properties: Record<string, unknown> } } } };
    expect(Object.keys(log.properties.deliveries.items.properties)).toEqual(expect.arrayContaining(['event', 'eventId', 'resent', 'status', 'attempts', 'lastError']));
  });
});
