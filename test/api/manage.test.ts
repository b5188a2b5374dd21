// The workspace's actions through the API, module by module, on SQLite and PostgreSQL: each works with a clerk's
// token, is refused (403 problem+json) with a read-only token or a councillor's token and (401) without one, names
// the field when the input is wrong, is audited, and never puts the exempt item's content in any answer.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createApiToken } from '../../src/store/accounts.js';
import type { Store } from '../../src/store/db.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { appWith, MARKER, seedCouncil, type Council } from './fixture.js';

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A client for one seeded council: the clerk's token, a read-only token of the same clerk, a councillor's token. */
export class Client {
  readOnly = '';
  constructor(readonly app: FastifyInstance, readonly store: Store, readonly c: Council) {}

  async init(): Promise<this> {
    this.readOnly = (await createApiToken(this.store.db, SYSTEM_ACTOR, this.c.users.clerk.userId, 'read only', { scopes: ['read'] })).token;
    return this;
  }

  async send(method: Method | 'GET', url: string, payload: unknown, token: string | null): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method, url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(res.body.includes(MARKER), `${method} ${url} (${res.statusCode}) gave the exempt item's content: ${res.body.slice(0, 300)}`).toBe(false);
    return res;
  }

  /** Refused without a token, with a read-only token and with a councillor's token; then done by the clerk. */
  async write(method: Method, url: string, payload: unknown, status = 200): Promise<LightMyRequestResponse> {
    const none = await this.send(method, url, payload, null);
    expect(none.statusCode, `${method} ${url} without a token`).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    const ro = await this.send(method, url, payload, this.readOnly);
    expect(ro.statusCode, `${method} ${url} with a read-only token`).toBe(403);
    expect(ro.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ro.json()).toMatchObject({ status: 403, error: 'insufficient-scope' });
    const cllr = await this.send(method, url, payload, this.c.users.councillorA.token);
    expect(cllr.statusCode, `${method} ${url} with a councillor's token`).toBe(403);
    expect(cllr.json()).toMatchObject({ status: 403, error: 'forbidden', type: 'https://moot.council/problems/forbidden' });
    const done = await this.send(method, url, payload, this.c.users.clerk.token);
    expect(done.statusCode, `${method} ${url}: ${done.body}`).toBe(status);
    return done;
  }

  /** The clerk's request refused as bad input naming the field. */
  async invalid(method: Method, url: string, payload: unknown, field: string, message?: RegExp): Promise<LightMyRequestResponse> {
    const res = await this.send(method, url, payload, this.c.users.clerk.token);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json(), res.body).toMatchObject({ status: 400, field });
    if (message) expect(res.json().message).toMatch(message);
    return res;
  }

  get(url: string, token: string | null = this.c.users.clerk.token) {
    return this.send('GET', url, undefined, token);
  }

  async audited(entity: string, entityId: number, action?: string): Promise<void> {
    let q = this.store.db.selectFrom('audit_log').select(['action']).where('entity', '=', entity).where('entity_id', '=', String(entityId) as never).where('actor_id', '=', this.c.users.clerk.userId);
    if (action) q = q.where('action', '=', action);
    expect(await q.execute(), `${entity} ${entityId} ${action ?? ''} audited`).not.toEqual([]);
  }
}

describe.each(STORE_KINDS)('the API\u2019s workspace actions on %s', (kind) => {
  const get = useTestStore(kind);
  let client: Client;
  let ready = false;
  async function setup(ctx: Parameters<typeof get>[0]) {
    const t = get(ctx);
    if (!ready) {
      const c = await seedCouncil(t.store);
      client = await new Client(await appWith(t.store), t.store, c).init();
      ready = true;
    }
    return client;
  }
  afterAll(async () => {
    if (ready) await client.app.close();
  });

  it('bodies, groups, people and memberships', async (ctx) => {
    const api = await setup(ctx);
    const { c } = api;
    const db = api.store.db;

    // A body's details: the fields sent change, the others stay.
    const body = await api.write('PATCH', `/api/v1/bodies/${c.beta.slug}`, { size: 5, purpose: 'Scrutinises the Cabinet' });
    expect(body.json()).toMatchObject({ slug: c.beta.slug, name: 'Beta Scrutiny Committee', kind: 'scrutiny-committee', size: 5, purpose: 'Scrutinises the Cabinet' });
    await api.audited('body', c.beta.id, 'update');
    await api.invalid('PATCH', `/api/v1/bodies/${c.beta.slug}`, { size: 0 }, 'size', /at least 1/);
    await api.invalid('PATCH', `/api/v1/bodies/${c.beta.slug}`, { colour: 'red' }, 'colour', /not recognised/);
    await api.invalid('PATCH', `/api/v1/bodies/${c.beta.slug}`, { name: 'Alpha Cabinet Committee' }, 'name', /already called/);
    expect((await api.send('PATCH', '/api/v1/bodies/no-such-body', { size: 3 }, c.users.clerk.token)).statusCode).toBe(404);
    // Adding a body with another's name is refused, as in the workspace.
    await api.invalid('POST', '/api/v1/bodies', { name: 'Beta Scrutiny Committee', kind: 'panel-or-board' }, 'name', /already exists/);

    // Political groups: added, renamed, listed.
    const group = await api.write('POST', '/api/v1/groups', { name: 'Independent Group', shortName: 'Ind' }, 201);
    const groupId = group.json().id as number;
    await api.audited('political_group', groupId, 'create');
    await api.invalid('POST', '/api/v1/groups', { name: '  ' }, 'name', /must not be empty/);
    await api.invalid('POST', '/api/v1/groups', { name: 'Independent Group' }, 'name', /already exists/);
    expect((await api.write('PATCH', `/api/v1/groups/${groupId}`, { name: 'Independents' })).json()).toMatchObject({ id: groupId, name: 'Independents', shortName: 'Ind' });
    await api.audited('political_group', groupId, 'update');
    await api.invalid('PATCH', '/api/v1/groups/abc', { name: 'X' }, 'id');
    expect((await api.send('PATCH', '/api/v1/groups/99999', { name: 'X' }, c.users.clerk.token)).statusCode).toBe(404);
    const other = (await api.write('POST', '/api/v1/groups', { name: 'Green Group' }, 201)).json().id as number;
    expect((await api.get('/api/v1/groups', null)).json().items.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['Independents', 'Green Group']));

    // Seats by group: no more than the body's size (the service's rule, as in the workspace).
    const seats = await api.write('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId, seats: 3 }, { groupId: other, seats: 2 }] });
    expect(seats.json()).toMatchObject({ size: 5, total: 5 });
    await api.audited('body_seat', c.beta.id, 'update');
    await api.invalid('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId, seats: 4 }, { groupId: other, seats: 2 }] }, 'seats', /add up to 6, more than the body's 5 seats/);
    await api.invalid('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId: 99999, seats: 1 }] }, 'seats', /no political group/);
    await api.invalid('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId, seats: -1 }] }, 'seats.0.seats');
    expect((await db.selectFrom('body_seat').select('seats').where('body_id', '=', c.beta.id).execute()).map((r) => r.seats).sort()).toEqual([2, 3]);

    // A person's details.
    const person = await api.write('PATCH', '/api/v1/people/alice-ashby', { groupId, division: 'Westgate', email: 'alice.ashby@example.org' });
    expect(person.json()).toMatchObject({ slug: 'alice-ashby', surname: 'Ashby', groupId });
    const row = await db.selectFrom('person').selectAll().where('slug', '=', 'alice-ashby').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ division: 'Westgate', email: 'alice.ashby@example.org', forenames: 'Alice', title: 'Mrs' });
    await api.audited('person', row.id, 'update');
    await api.invalid('PATCH', '/api/v1/people/alice-ashby', { email: 'not an address' }, 'email');
    await api.invalid('PATCH', '/api/v1/people/alice-ashby', { kind: 'alderman' }, 'kind', /must be one of: councillor/);

    // Ending a membership: not before it started, and once.
    const m = await db.selectFrom('membership').select('id').where('body_id', '=', c.alpha.id).where('person_id', '=', row.id).executeTakeFirstOrThrow();
    await api.invalid('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2020-01-01' }, 'endsOn', /on or after the start date/);
    await api.invalid('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2024-02-30' }, 'endsOn', /date/);
    expect((await api.write('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2024-05-31' })).json()).toMatchObject({ id: m.id, endsOn: '2024-05-31' });
    await api.invalid('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2024-06-30' }, 'endsOn', /already ended/);
    expect((await db.selectFrom('membership').select('ends_on').where('id', '=', m.id).executeTakeFirstOrThrow()).ends_on).toBe('2024-05-31');
  });
});
