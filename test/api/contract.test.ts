// The API's contract on both databases: the OpenAPI document validates (swagger-parser) and lists exactly the
// registered /api/v1 routes; read responses match the schemas the document gives them; errors are problem details
// (RFC 9457); lists page with an opaque cursor; tokens have scopes and expire.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createApiToken } from '../../src/store/accounts.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { appWith, seedCouncil, type Council } from './fixture.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const ajv = new Ajv({ allErrors: true, strict: false });
(((formatsModule as unknown as { default?: (a: Ajv) => void }).default ?? formatsModule) as unknown as (a: Ajv) => void)(ajv);

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };

describe.each(STORE_KINDS)('API contract on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance;
  let c: Council;
  let ready = false;
  async function setup(ctx: Parameters<typeof get>[0]) {
    const t = get(ctx);
    if (!ready) {
      c = await seedCouncil(t.store);
      app = await appWith(t.store);
      ready = true;
    }
    return t;
  }
  afterAll(async () => {
    if (ready) await app.close();
  });

  async function openapi() {
    return JSON.parse((await app.inject('/api/openapi.json')).body) as { paths: Record<string, Record<string, Operation>> };
  }

  it('has an OpenAPI document that validates and names exactly the registered routes', async (ctx) => {
    await setup(ctx);
    const doc = await openapi();
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    const registered = new Set(app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`)));
    expect([...registered].filter((r) => !documented.has(r)), 'registered but not in the OpenAPI document').toEqual([]);
    expect([...documented].filter((d) => !registered.has(d)), 'in the OpenAPI document but not registered').toEqual([]);
    expect(registered.size).toBeGreaterThan(25);
  });

  it('answers every read with a body that matches its documented schema', async (ctx) => {
    await setup(ctx);
    const doc = await openapi();
    const urls: [string, string][] = [
      ['/api/v1/bodies', '/api/v1/bodies?limit=2'], ['/api/v1/bodies/{slug}', `/api/v1/bodies/${c.alpha.slug}`], ['/api/v1/people', '/api/v1/people'],
      ['/api/v1/people/{slug}', '/api/v1/people/alice-ashby'], ['/api/v1/people/{slug}/votes', '/api/v1/people/alice-ashby/votes'],
      ['/api/v1/people/{slug}/attendance', '/api/v1/people/alice-ashby/attendance'], ['/api/v1/meetings', '/api/v1/meetings'],
      ['/api/v1/meetings/{slug}', `/api/v1/meetings/${c.meeting.slug}`], ['/api/v1/documents/{slug}', `/api/v1/documents/${c.publicPaperSlug}`],
      ['/api/v1/documents/{slug}', `/api/v1/documents/${c.exemptPaperSlug}`], ['/api/v1/decisions', '/api/v1/decisions'], ['/api/v1/search', '/api/v1/search?q=westgate'],
      ['/api/v1/export/popolo', '/api/v1/export/popolo'], ['/api/v1/export/popolo/{collection}', '/api/v1/export/popolo/events'], ['/api/v1/datasets', '/api/v1/datasets'],
      ['/api/v1/datasets/{dataset}', '/api/v1/datasets/votes'], ['/api/v1/meetings/{slug}', '/api/v1/meetings/no-such-meeting'], ['/api/v1/meetings', '/api/v1/meetings?limit=0'],
    ];
    const statuses = new Set<number>();
    for (const [path, url] of urls) {
      const res = await app.inject(url);
      statuses.add(res.statusCode);
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      const documented = op.responses[String(res.statusCode)];
      expect(documented, `${url} answered ${res.statusCode}, which is not documented`).toBeDefined();
      const schema = documented.content?.['application/json']?.schema ?? documented.content?.['application/problem+json']?.schema;
      expect(schema, `${url} ${res.statusCode} has no schema`).toBeDefined();
      const validate = ajv.compile(schema!);
      expect(validate(res.json()) ? [] : validate.errors, `${url} ${res.statusCode}`).toEqual([]);
    }
    expect([...statuses].sort()).toEqual([200, 400, 403, 404]);
  });

  it('gives errors as problem details (RFC 9457) that name the field', async (ctx) => {
    await setup(ctx);
    const bad = await app.inject('/api/v1/meetings?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ type: 'https://moot.council/problems/validation', title: 'Bad request', status: 400, error: 'validation', field: 'from', instance: '/api/v1/meetings' });
    expect(bad.json().detail).toBe(bad.json().message);
    const missing = await app.inject('/api/v1/nowhere');
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, error: 'not-found' });
    const unauth = await app.inject({ method: 'POST', url: '/api/v1/bodies', payload: { name: 'X', kind: 'panel-or-board' } });
    expect(unauth.statusCode).toBe(401);
    expect(unauth.json()).toMatchObject({ type: 'https://moot.council/problems/unauthorised', status: 401 });
  });

  it('says its rate limit in the RateLimit and RateLimit-Policy fields, counting down per client', async (ctx) => {
    await setup(ctx);
    const token = (await createApiToken(get(ctx).store.db, SYSTEM_ACTOR, c.users.clerk.userId, 'rate limit')).token;
    const first = await app.inject({ url: '/api/v1/bodies', headers: auth(token) });
    const second = await app.inject({ url: '/api/v1/bodies', headers: auth(token) });
    const policy = /^"per-client";q=(\d+);w=60$/.exec(String(first.headers['ratelimit-policy']));
    expect(policy, String(first.headers['ratelimit-policy'])).not.toBeNull();
    const left = (h: unknown) => Number(/^"per-client";r=(\d+);t=(\d+)$/.exec(String(h))?.[1]);
    expect(left(first.headers.ratelimit)).toBe(Number(policy![1]) - 1);
    expect(left(second.headers.ratelimit)).toBe(left(first.headers.ratelimit) - 1);
    // Errors carry them too.
    expect((await app.inject('/api/v1/meetings?from=yesterday')).headers.ratelimit).toMatch(/^"per-client";r=\d+;t=\d+$/);
  });

  it('pages lists with an opaque cursor until nextCursor is null', async (ctx) => {
    await setup(ctx);
    const all = (await app.inject('/api/v1/people?limit=100')).json();
    expect(all.total).toBeGreaterThan(1);
    const seen: string[] = [];
    let url = '/api/v1/people?limit=1';
    for (let i = 0; i < 50; i++) {
      const page = (await app.inject(url)).json();
      seen.push(...page.items.map((p: { slug: string }) => p.slug));
      if (!page.nextCursor) break;
      url = `/api/v1/people?limit=1&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(all.items.map((p: { slug: string }) => p.slug));
    const meetings = (await app.inject('/api/v1/meetings?limit=1')).json();
    if (meetings.total > 1) {
      const next = (await app.inject(`/api/v1/meetings?limit=1&cursor=${meetings.nextCursor}`)).json();
      expect(next.offset).toBe(1);
      expect(next.items[0].slug).not.toBe(meetings.items[0].slug);
    }
    const forged = await app.inject('/api/v1/people?cursor=bm9uc2Vuc2U');
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ field: 'cursor' });
  });

  it('lets a read-only token read but not write, and refuses an expired token', async (ctx) => {
    const t = await setup(ctx);
    const readOnly = await createApiToken(t.store.db, SYSTEM_ACTOR, c.users.clerk.userId, 'read only', { scopes: ['read'] });
    expect((await app.inject({ url: '/api/v1/bodies', headers: auth(readOnly.token) })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/bodies', headers: auth(readOnly.token), payload: { name: 'Scoped', kind: 'panel-or-board' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'insufficient-scope' });
    expect(refused.headers['www-authenticate']).toMatch(/insufficient_scope/);
    const writer = await createApiToken(t.store.db, SYSTEM_ACTOR, c.users.clerk.userId, 'writer', { scopes: ['read', 'write'], expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await app.inject({ method: 'POST', url: '/api/v1/bodies', headers: auth(writer.token), payload: { name: 'Scoped', kind: 'panel-or-board' } })).statusCode).toBe(201);
    const soon = await createApiToken(t.store.db, SYSTEM_ACTOR, c.users.clerk.userId, 'soon', { expiresAt: new Date(Date.now() + 1_000).toISOString() });
    await t.store.db.updateTable('api_token').set({ expires_at: new Date(Date.now() - 1_000).toISOString() }).where('id', '=', soon.id).execute();
    const expired = await app.inject({ url: '/api/v1/bodies', headers: auth(soon.token) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toMatch(/expired/);
    await expect(createApiToken(t.store.db, SYSTEM_ACTOR, c.users.clerk.userId, 'past', { expiresAt: '2001-01-01T00:00:00Z' })).rejects.toThrow(/future/);
  });
});
