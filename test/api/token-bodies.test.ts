// API tokens limited to some committees (issue 15: "per body where the council wants"), on SQLite and PostgreSQL:
// such a token changes its committees' meetings and their record, and is refused (403 problem+json naming the
// committees) for another committee's or for council-wide records, while reading as its user; a record that does
// not exist still answers 404. The limit is set and shown on the token page, and is the policy's (one rule).
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { can, tokenMayWriteTo, type Viewer } from '../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { ValidationError } from '../../src/errors.js';
import { registerPortal } from '../../src/server.js';
import { createApiToken } from '../../src/store/accounts.js';
import { startReview } from '../../src/services/executive/scrutiny.js';
import { createMeeting } from '../../src/store/meetings.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { appWith, Browser, pdfWithText, seedCouncil, type Council } from './fixture.js';

describe('the policy of body-limited tokens', () => {
  const clerk: Viewer = { kind: 'user', userId: 1, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] };
  const limited: Viewer = { ...clerk, tokenBodyIds: [3, 5] };
  it('lets a limited token write to its bodies only, and nowhere council-wide; leaves reading and unlimited viewers alone', () => {
    expect(tokenMayWriteTo(limited, 3)).toBe(true);
    expect(tokenMayWriteTo(limited, 4)).toBe(false);
    expect(tokenMayWriteTo(limited, null)).toBe(false);
    expect(tokenMayWriteTo(clerk, 4)).toBe(true);
    expect(tokenMayWriteTo(clerk, null)).toBe(true);
    expect(can(limited, 'manage-record', { bodyId: 5, meetingId: null, exempt: false })).toBe(true);
    expect(can(limited, 'publish', { bodyId: 4, meetingId: 9, exempt: false })).toBe(false);
    expect(can(limited, 'manage-record', { bodyId: null, meetingId: null, exempt: false })).toBe(false);
    // Without a resource, the guard asks whether the role may do this at all.
    expect(can(limited, 'manage-record')).toBe(true);
    expect(can(limited, 'view', { bodyId: 4, meetingId: 9, exempt: true, published: true })).toBe(true);
    expect(can({ ...limited, role: 'councillor' }, 'manage-record', { bodyId: 3, meetingId: null, exempt: false })).toBe(false);
  });
});

describe.each(STORE_KINDS)('API tokens limited to some committees on %s', (kind) => {
  const get = useTestStore(kind);
  const apps: FastifyInstance[] = [];
  let council: Council | null = null;
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('writes to its committees, is refused elsewhere naming why, and reads as its user', async (ctx) => {
    const t = get(ctx);
    const c = (council = await seedCouncil(t.store));
    const app = await appWith(t.store);
    apps.push(app);
    const db = t.store.db;
    await expect(createApiToken(db, SYSTEM_ACTOR, c.users.clerk.userId, 'x', { scopes: ['read'], bodyIds: [c.alpha.id] })).rejects.toMatchObject({ field: 'bodies' });
    await expect(createApiToken(db, SYSTEM_ACTOR, c.users.clerk.userId, 'x', { scopes: ['read', 'write'], bodyIds: [999999] })).rejects.toBeInstanceOf(ValidationError);
    const { token } = await createApiToken(db, SYSTEM_ACTOR, c.users.clerk.userId, 'alpha only', { scopes: ['read', 'write'], bodyIds: [c.alpha.id] });
    const h = { authorization: `Bearer ${token}` };
    const betaMeeting = await createMeeting(db, SYSTEM_ACTOR, { bodyId: c.beta.id, date: '2024-07-15', time: '10:00', venue: 'Room 2', sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }] }] });

    // Its committee: a new meeting, and the meeting's record.
    const made = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: h, payload: { bodyId: c.alpha.id, date: '2024-09-09', time: '10:00', venue: 'Darent Room' } });
    expect(made.statusCode, made.body).toBe(201);
    const attendance = await app.inject({ method: 'PUT', url: `/api/v1/meetings/${c.meeting.slug}/attendance`, headers: h, payload: { attendance: [] } });
    expect(attendance.statusCode, attendance.body).not.toBe(403);

    // Another committee: refused, as problem details naming both committees.
    const other = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: h, payload: { bodyId: c.beta.id, date: '2024-09-10', time: '10:00', venue: 'Room 2' } });
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({
      status: 403, error: 'outside-token-bodies',
      message: 'This API token may change only the record of Alpha Cabinet Committee; this request would change the record of Beta Scrutiny Committee',
    });
    const cancel = await app.inject({ method: 'POST', url: `/api/v1/meetings/${betaMeeting.slug}/cancellation`, headers: h, payload: { status: 'cancelled', reason: 'No business' } });
    expect(cancel.statusCode).toBe(403);
    expect(cancel.json().message).toContain('Beta Scrutiny Committee');
    expect((await db.selectFrom('meeting').select('status').where('id', '=', betaMeeting.id).executeTakeFirstOrThrow()).status).not.toBe('cancelled');

    // Council-wide records belong to no one committee: refused too.
    for (const [url, payload] of [['/api/v1/bodies', { name: 'Gamma Panel', kind: 'panel-or-board' }], ['/api/v1/webhooks', { url: 'https://hooks.example.org/x', events: ['agenda-published'] }],
      ['/api/v1/people', { forenames: 'Zed', surname: 'Zebedee', kind: 'officer' }]] as const) {
      const r = await app.inject({ method: 'POST', url, headers: h, payload });
      expect(r.statusCode, `${url} ${r.body}`).toBe(403);
      expect(r.json().message, url).toBe('This API token may change only the record of Alpha Cabinet Committee; this request would change a record that belongs to no one committee');
    }
    expect(await db.selectFrom('body').select('id').where('name', '=', 'Gamma Panel').execute()).toEqual([]);

    // A meeting that does not exist is still a 404, and reading is not limited.
    expect((await app.inject({ method: 'POST', url: '/api/v1/meetings/no-such-meeting/held', headers: h, payload: {} })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/meetings/${betaMeeting.slug}`, headers: h })).statusCode).toBe(200);
    // The same user's unlimited token still writes anywhere.
    const anywhere = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: { authorization: `Bearer ${c.users.clerk.token}` }, payload: { bodyId: c.beta.id, date: '2024-09-11', time: '10:00', venue: 'Room 2' } });
    expect(anywhere.statusCode, anywhere.body).toBe(201);
  });

  it('writes to the reviews its committees appointed, and is refused for another committee\'s or a review of no committee', async (ctx) => {
    const t = get(ctx);
    const c = council ?? (council = await seedCouncil(t.store));
    const app = await appWith(t.store);
    apps.push(app);
    const db = t.store.db;
    const { token } = await createApiToken(db, SYSTEM_ACTOR, c.users.clerk.userId, 'alpha reviews', { scopes: ['read', 'write'], bodyIds: [c.alpha.id] });
    const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
    const start = { title: 'Bus services', termsOfReference: 'To review rural bus services.', startedOn: '2024-01-15', members: [{ name: 'Mr A Able', role: 'Chairman' }] };
    const refusedAs = (about: string) => ({ status: 403, error: 'outside-token-bodies', message: `This API token may change only the record of Alpha Cabinet Committee; this request would change ${about}` });

    // Starting a review is placed by the body appointing it, named in the payload.
    const ours = await post('/api/v1/reviews', { ...start, body: c.alpha.slug });
    expect(ours.statusCode, ours.body).toBe(201);
    const slug = (ours.json() as { slug: string }).slug;
    const theirs = await post('/api/v1/reviews', { ...start, title: 'Beta review', body: c.beta.slug });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(theirs.json()).toMatchObject(refusedAs('the record of Beta Scrutiny Committee'));
    expect((await post('/api/v1/reviews', { ...start, title: 'Own group' })).json()).toMatchObject(refusedAs('a record that belongs to no one committee'));
    expect(await db.selectFrom('scrutiny_review').select('id').where('title', 'in', ['Beta review', 'Own group']).execute()).toEqual([]);
    // A body that does not exist is the route's answer (the field), not a refusal.
    expect((await post('/api/v1/reviews', { ...start, body: 'no-such-body' })).json()).toMatchObject({ status: 400, field: 'body' });

    // Its committee's review: moved, a session added, its final report published.
    expect((await post(`/api/v1/reviews/${slug}/stage`, { to: 'evidence', on: '2024-02-01' })).statusCode).toBe(200);
    expect((await post(`/api/v1/reviews/${slug}/sessions`, { on: '2024-02-20', title: 'Bus operators' })).statusCode).toBe(201);
    expect((await post(`/api/v1/reviews/${slug}/stage`, { to: 'report', on: '2024-04-01', reportSummary: 'Four recommendations.' })).statusCode).toBe(200);
    const pdf = Buffer.from(await pdfWithText(['Bus services review: final report'])).toString('base64');
    const report = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'report.pdf', contentBase64: pdf });
    expect(report.statusCode, report.body).toBe(201);

    // Another committee's review, and one appointed by no committee: each of the three writes refused, nothing changed.
    const beta = await startReview(db, SYSTEM_ACTOR, { title: 'Beta housing review', bodyId: c.beta.id, termsOfReference: 'Housing.', startedOn: '2024-01-10', members: [{ name: 'Mrs B Best', role: 'Chairman' }] });
    const none = await startReview(db, SYSTEM_ACTOR, { title: 'Task and finish group', bodyId: null, termsOfReference: 'Parking.', startedOn: '2024-01-10', members: [{ name: 'Mr C Cole', role: 'Chairman' }] });
    for (const [r, about] of [[beta, 'the record of Beta Scrutiny Committee'], [none, 'a record that belongs to no one committee']] as const) {
      for (const [path, payload] of [['stage', { to: 'evidence', on: '2024-02-01' }], ['sessions', { on: '2024-02-20', title: 'Witnesses' }], ['report', { fileName: 'report.pdf', contentBase64: pdf }]] as const) {
        const res = await post(`/api/v1/reviews/${r.slug}/${path}`, payload);
        expect(res.statusCode, `${r.slug}/${path} ${res.body}`).toBe(403);
        expect(res.json()).toMatchObject(refusedAs(about));
      }
      expect((await db.selectFrom('scrutiny_review').select(['stage', 'report_document_id']).where('id', '=', r.id).executeTakeFirstOrThrow())).toEqual({ stage: 'scoping', report_document_id: null });
      expect(await db.selectFrom('scrutiny_review_session').select('id').where('review_id', '=', r.id).execute()).toEqual([]);
    }
    // A review that does not exist is still a 404.
    expect((await post('/api/v1/reviews/no-such-review/stage', { to: 'evidence', on: '2024-02-01' })).statusCode).toBe(404);
  });

  it('is set and shown on the token page', async (ctx) => {
    const t = get(ctx);
    const c = council ?? (council = await seedCouncil(t.store));
    const app = await appWith(t.store, registerPortal());
    apps.push(app);
    const clerk = await Browser.signedIn(app, t.store, c.users.clerk.userId);
    const page = await clerk.get('/account/api-tokens');
    expect(page.body).toContain('Limit what it may change to some committees (optional)');
    expect(page.body).toContain(`value="${c.alpha.id}"`);
    const bad = await clerk.post('/account/api-tokens', { name: 'bad', access: 'write', expires: '30', bodies: ['abc'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose committees from the list');
    const made = await clerk.post('/account/api-tokens', { name: 'Alpha publisher', access: 'write', expires: '30', bodies: [String(c.alpha.id)] });
    expect(made.statusCode, made.body.slice(0, 400)).toBe(200);
    const token = /data-testid="new-token">(moot_[A-Za-z0-9_-]+)</.exec(made.body)![1];
    expect(made.body).toContain('Read and write: changes only Alpha Cabinet Committee');
    const row = await t.store.db.selectFrom('api_token').select('body_ids').where('name', '=', 'Alpha publisher').executeTakeFirstOrThrow();
    expect(JSON.parse(row.body_ids!)).toEqual([c.alpha.id]);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: { authorization: `Bearer ${token}` }, payload: { bodyId: c.beta.id, date: '2024-09-12', time: '10:00', venue: 'Room 2' } });
    expect(refused.statusCode).toBe(403);
    // A read-only token ignores committees ticked by mistake.
    const readOnly = await clerk.post('/account/api-tokens', { name: 'Reader', access: 'read', expires: '30', bodies: [String(c.alpha.id)] });
    expect(readOnly.statusCode).toBe(200);
    expect((await t.store.db.selectFrom('api_token').select('body_ids').where('name', '=', 'Reader').executeTakeFirstOrThrow()).body_ids).toBeNull();
    // A councillor (who cannot write) is not offered committees.
    const councillor = await Browser.signedIn(app, t.store, c.users.councillorA.userId);
    expect((await councillor.get('/account/api-tokens')).body).not.toContain('Limit what it may change');
  });

  it('is set through the API by an administrator, listed, and enforced; a wrong committee list is a 400 naming the field', async (ctx) => {
    const t = get(ctx);
    const c = council ?? (council = await seedCouncil(t.store));
    const app = await appWith(t.store);
    apps.push(app);
    const admin = { authorization: `Bearer ${c.users.admin.token}` };
    const make = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/users/${c.users.clerk.userId}/tokens`, headers: admin, payload });

    const made = await make({ name: 'Alpha website', scopes: ['read', 'write'], bodyIds: [c.alpha.id] });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ name: 'Alpha website', scopes: ['read', 'write'], bodyIds: [c.alpha.id] });
    const h = { authorization: `Bearer ${made.json().token as string}` };
    const ours = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: h, payload: { bodyId: c.alpha.id, date: '2024-10-01', time: '10:00', venue: 'Darent Room' } });
    expect(ours.statusCode, ours.body).toBe(201);
    const theirs = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: h, payload: { bodyId: c.beta.id, date: '2024-10-02', time: '10:00', venue: 'Room 2' } });
    expect(theirs.json()).toMatchObject({ status: 403, error: 'outside-token-bodies' });
    const listed = (await app.inject({ url: `/api/v1/users/${c.users.clerk.userId}/tokens`, headers: admin })).json() as { items: { name: string; bodyIds: number[] | null }[] };
    expect(listed.items.find((x) => x.name === 'Alpha website')?.bodyIds).toEqual([c.alpha.id]);
    expect(listed.items.find((x) => x.name === 'tests')?.bodyIds).toBeNull();
    const audit = await t.store.db.selectFrom('audit_log').select('summary').where('entity', '=', 'api_token').where('entity_id', '=', String(made.json().id)).executeTakeFirstOrThrow();
    expect(audit.summary).toContain(`writing only to bodies ${c.alpha.id}`);

    const invalid = async (payload: Record<string, unknown>, field: string, message: RegExp) => {
      const r = await make(payload);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ error: 'validation', field });
      expect(r.json().message).toMatch(message);
    };
    await invalid({ name: 'x', scopes: ['read', 'write'], bodyIds: [999999] }, 'bodyIds', /^There is no committee 999999$/);
    await invalid({ name: 'x', scopes: ['read'], bodyIds: [c.alpha.id] }, 'bodyIds', /read-only token changes nothing/);
    await invalid({ name: 'x', scopes: ['read', 'write'], bodyIds: [c.alpha.id, 'beta'] }, 'bodyIds.1', /^The field "bodyIds.1" must be a number$/);
    await invalid({ name: 'x', scopes: ['read', 'write'], bodyIds: [] }, 'bodyIds', /^The field "bodyIds" must be at least 1 entries$/);
    await invalid({ name: 'x', scopes: ['read', 'write'], bodies: [c.alpha.id] }, 'bodies', /^The field "bodies" is not recognised$/);
    expect(await t.store.db.selectFrom('api_token').select('id').where('name', '=', 'x').execute()).toEqual([]);

    // The OpenAPI document describes the field.
    const doc = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }> };
    const schema = doc.paths['/api/v1/users/{id}/tokens'].post!.requestBody!.content['application/json'].schema;
    expect(schema.properties.bodyIds).toMatchObject({ description: expect.stringMatching(/only committees/) });
  });
});
