// The JSON API on both databases: the OpenAPI document covers every route; reads work without a token; writes
// need a Democratic Services token and are audited; errors name the field; and no /api/v1 endpoint gives exempt
// content to the public or to a councillor of another body, while the councillor of the body gets it.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { appWith, Browser, MARKER, multipart, pdfWithText, seedCouncil, type Council } from './fixture.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Concrete URLs for every GET route under /api/v1, with the seeded records in the path. */
function urlsFor(route: string, c: Council): string[] {
  const fill = (u: string, params: Record<string, string>) => u.replace(/:(\w+)/g, (_, k: string) => params[k] ?? `:${k}`);
  if (route.startsWith('/api/v1/bodies/')) return [fill(route, { slug: c.alpha.slug })];
  if (route.startsWith('/api/v1/people/')) return [fill(route, { slug: 'alice-ashby' })];
  if (route.startsWith('/api/v1/meetings/')) return [fill(route, { slug: c.meeting.slug })];
  if (route.startsWith('/api/v1/documents/')) return [c.exemptPaperSlug, c.publicPaperSlug].map((slug) => fill(route, { slug, version: '1' }));
  if (route.startsWith('/api/v1/decisions/')) return [fill(route, { slug: c.exemptDecisionSlug })];
  // Select committee reviews hold no exempt content; the seeded council has none (404 for every viewer).
  if (route.startsWith('/api/v1/reviews/')) return [fill(route, { slug: 'no-such-review' })];
  // Performance and budget figures hold no exempt content; unpublished figures are never served (404 here).
  if (route.startsWith('/api/v1/data-sets/')) return [fill(route, { kind: 'revenue', period: '2025-06' })];
  if (route.startsWith('/api/v1/indicators/')) return [fill(route, { ref: 'CS04' })];
  // Open data: every Popolo collection and every dataset, whole and for one year.
  if (route === '/api/v1/export/popolo/:collection') return ['organizations', 'persons', 'posts', 'memberships', 'events', 'vote_events'].map((x) => fill(route, { collection: x }));
  if (route === '/api/v1/datasets/:dataset') return ['meetings', 'items', 'papers', 'decisions', 'attendance', 'votes'].flatMap((x) => [fill(route, { dataset: x }), `${fill(route, { dataset: x })}?year=2024`]);
  if (route === '/api/v1/export/popolo' || route === '/api/v1/datasets') return [route, `${route}?year=2024`].slice(0, route === '/api/v1/datasets' ? 1 : 2);
  if (route === '/api/v1/webhooks/:id/deliveries') return [fill(route, { id: '1' })];
  // An account's tokens: administrators only (the viewers here get 401/403 for the clerk's).
  if (route === '/api/v1/users/:id/tokens') return [fill(route, { id: String(c.users.clerk.userId) })];
  if (route === '/api/v1/search') return ['/api/v1/search?q=Zanzibar', '/api/v1/search?q=quartermaster%20settlement', '/api/v1/search?q=westgate'];
  if (route === '/api/v1/notice-exceptions') return ['/api/v1/notice-exceptions?from=2000-01-01&to=2100-12-31'];
  if (route.includes(':')) return [];
  return [route, `${route}?limit=100`];
}

describe.each(STORE_KINDS)('API on %s', (kind) => {
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

  it('serves an OpenAPI 3.1 document describing every /api/v1 route, with bearer auth', async (ctx) => {
    await setup(ctx);
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url} is not in the OpenAPI document`).toBeDefined();
    }
    expect(doc.paths['/api/v1/bodies'].post.security).toEqual([{ bearerAuth: [] }]);
  });

  it('imports budget figures for Democratic Services: every problem at once, nothing written; the same file twice is one version', async (ctx) => {
    await setup(ctx);
    const csv = (movement: string) => Buffer.from(`Portfolio,Budget line,Revised variance,Last reported,Movement,Narrative\nAdults,Care,150,100,${movement},Demand\n`).toString('base64');
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/data/imports', headers: auth(c.users.clerk.token), payload: payload as Record<string, unknown> });
    const bad = await post({ kind: 'revenue', period: '2025-06', fileName: 'june.csv', contentBase64: Buffer.from('Portfolio,Budget line,Movement\nAdults,,x\n').toString('base64') });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems.map((p: { text: string }) => p.text)).toEqual([
      'sheet "june.csv", row 2, column B (Budget line): the line has no name',
      'sheet "june.csv", row 2, column C (Movement): Movement "x" is not an amount in £\'000s such as 1,234.5 or (250)',
    ]);
    const first = await post({ kind: 'revenue', period: '2025-06', fileName: 'june.csv', contentBase64: csv('51') });
    expect(first.statusCode).toBe(201);
    expect(first.json().publicationProblems[0]).toContain('column Movement: the table has 51 but revised variance − last reported gives 50');
    const again = await post({ kind: 'revenue', period: '2025-06', fileName: 'june.csv', contentBase64: csv('51') });
    expect(again.json().saved[0]).toMatchObject({ version: 1, changed: false });
    const fixed = await post({ kind: 'revenue', period: '2025-06', fileName: 'june.csv', contentBase64: csv('50'), publish: true });
    expect(fixed.json()).toMatchObject({ saved: [{ version: 2, changed: true }], published: ['2025-06'] });
    expect((await app.inject('/api/v1/data-sets/revenue/2025-06')).json().lines[0]).toMatchObject({ line: 'Care', movement: 50 });
  });

  it('reads without a token, pages with totals, and answers If-None-Match with 304', async (ctx) => {
    await setup(ctx);
    const bodies = await app.inject({ url: '/api/v1/bodies?limit=1&offset=1' });
    expect(bodies.statusCode).toBe(200);
    const page = JSON.parse(bodies.body);
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items).toHaveLength(1);
    const meetings = await app.inject({ url: '/api/v1/meetings' });
    const etag = meetings.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await app.inject({ url: '/api/v1/meetings', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const filtered = JSON.parse((await app.inject({ url: `/api/v1/meetings?body=${c.beta.slug}` })).body);
    expect(filtered.total).toBe(0);
    const meeting = JSON.parse((await app.inject({ url: `/api/v1/meetings/${c.meeting.slug}` })).body);
    expect(meeting.agenda.map((s: { items: { code: string }[] }) => s.items.map((i) => i.code)).flat()).toEqual(['A1', 'A2', 'B1']);
    expect(meeting.minutes.map((m: { number: string }) => m.number)).toEqual(['1', '2']);
    const doc = JSON.parse((await app.inject({ url: `/api/v1/documents/${c.publicPaperSlug}` })).body);
    expect(doc.versions[0].fileUrl).toBe(`/api/v1/documents/${c.publicPaperSlug}/versions/1/file`);
    const file = await app.inject({ url: doc.versions[0].fileUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const decisions = JSON.parse((await app.inject({ url: '/api/v1/decisions?key=false&from=2024-01-01' })).body);
    expect(decisions.total).toBe(1);
  });

  it('refuses bad input with 400 naming the field, and unknown records with 404, in one error body', async (ctx) => {
    await setup(ctx);
    const bad = await app.inject({ url: '/api/v1/meetings?from=June' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: 'validation', field: 'from' });
    const missing = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: auth(c.users.clerk.token), payload: { date: '2024-09-01' } });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body)).toEqual({ type: 'https://moot.council/problems/validation', title: 'Bad request', status: 400, detail: 'The field "bodyId" is required', instance: '/api/v1/meetings',
      error: 'validation', message: 'The field "bodyId" is required', field: 'bodyId' });
    const nested = await app.inject({ method: 'PUT', url: `/api/v1/meetings/${c.meeting.slug}/attendance`, headers: auth(c.users.clerk.token), payload: { entries: [{ name: 'Mr X', kind: 'late' }] } });
    expect(JSON.parse(nested.body).field).toBe('entries.0.kind');
    const nf = await app.inject({ url: '/api/v1/meetings/1999-01-01-nothing' });
    expect(nf.statusCode).toBe(404);
    expect(JSON.parse(nf.body)).toMatchObject({ error: 'not-found' });
    const route = await app.inject({ url: '/api/v1/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(JSON.parse(route.body).error).toBe('not-found');
  });

  it('writes with a clerk token: body, person, membership, meeting, agenda, attendance, minutes, decision, papers — all audited', async (ctx) => {
    const t = await setup(ctx);
    const h = auth(c.users.clerk.token);
    const body = await app.inject({ method: 'POST', url: '/api/v1/bodies', headers: h, payload: { name: 'Gamma Panel', kind: 'panel-or-board' } });
    expect(body.statusCode).toBe(201);
    const bodyId = JSON.parse(body.body).id as number;
    const person = await app.inject({ method: 'POST', url: '/api/v1/people', headers: h, payload: { forenames: 'Gail', surname: 'Grant', kind: 'councillor' } });
    expect(person.statusCode).toBe(201);
    const personId = JSON.parse(person.body).id as number;
    expect((await app.inject({ method: 'POST', url: '/api/v1/memberships', headers: h, payload: { bodyId, personId, role: 'chairman', startsOn: '2024-05-20' } })).statusCode).toBe(201);
    const meeting = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: h, payload: { bodyId, date: '2024-09-12', time: '14:00', venue: 'Council Chamber' } });
    expect(meeting.statusCode).toBe(201);
    const slug = JSON.parse(meeting.body).slug as string;
    const agenda = await app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/agenda-sections`, headers: h, payload: { title: 'Business', items: [{ code: '1', title: 'Minutes' }, { code: '2', title: 'Fees and charges' }] } });
    expect(agenda.statusCode).toBe(201);
    const items = JSON.parse(agenda.body).items as { id: number; code: string }[];
    expect((await app.inject({ method: 'PUT', url: `/api/v1/meetings/${slug}/attendance`, headers: h, payload: { entries: [{ personId, name: 'Cllr G Grant', kind: 'present', role: 'Chairman' }] } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: `/api/v1/meetings/${slug}/declarations`, headers: h, payload: { entries: [{ personId, personName: 'Cllr G Grant', kind: 'personal', nature: 'Governor of a school', agendaItemId: items[1].id }] } })).statusCode).toBe(200);
    const minutes = await app.inject({ method: 'PUT', url: `/api/v1/meetings/${slug}/minutes`, headers: h, payload: { minutes: [{ agendaItemId: items[0].id, title: 'Minutes', resolutions: [{ text: 'RESOLVED that the minutes be signed.' }] }, { agendaItemId: items[1].id, title: 'Fees and charges' }] } });
    expect(JSON.parse(minutes.body).numbers).toEqual(['1', '2']);
    const decision = await app.inject({ method: 'POST', url: '/api/v1/decisions', headers: h, payload: { takerKind: 'body', takerName: 'Gamma Panel', takerBodyId: bodyId, takenOn: '2024-09-12', subject: 'Fees', text: 'Agree the fees.' } });
    expect(decision.statusCode).toBe(201);
    expect(JSON.parse(decision.body).number).toMatch(/^24\/\d{5}$/);
    const pdf = await pdfWithText(['Fees and charges schedule']);
    const json = await app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/papers`, headers: h, payload: { title: 'Fees schedule', agendaItemCode: '2', fileName: 'fees.pdf', contentBase64: Buffer.from(pdf).toString('base64') } });
    expect(json.statusCode, json.body).toBe(201);
    const mp = multipart({ title: 'Fees appendix', kind: 'appendix', agendaItemCode: '2' }, { name: 'file', fileName: 'appendix.pdf', type: 'application/pdf', bytes: pdf });
    const up = await app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/papers`, headers: { ...h, 'content-type': mp.contentType }, payload: mp.payload });
    expect(up.statusCode, up.body).toBe(201);
    const notPdf = await app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/papers`, headers: h, payload: { title: 'Word file', fileName: 'x.docx', contentBase64: Buffer.from('PK\u0003\u0004 not a pdf').toString('base64') } });
    expect(notPdf.statusCode).toBe(400);
    expect(JSON.parse(notPdf.body)).toMatchObject({ field: 'file' });
    expect(JSON.parse(notPdf.body).message).toMatch(/not a PDF/);
    const audited = await t.store.db.selectFrom('audit_log').select(['entity', 'action']).where('actor_id', '=', c.users.clerk.userId).execute();
    const entities = new Set(audited.map((a) => a.entity));
    for (const e of ['body', 'person', 'membership', 'meeting', 'agenda', 'attendance', 'declaration', 'minutes', 'decision', 'document']) expect(entities, e).toContain(e);
  });

  it('refuses writes without a token (401), with a bad token (401), with a councillor’s token (403), and from a session without the CSRF token (403)', async (ctx) => {
    const t = await setup(ctx);
    const payload = { name: 'Delta', kind: 'panel-or-board' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/bodies', payload })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/bodies', headers: auth('moot_notatoken'), payload })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/bodies', headers: auth(c.users.councillorA.token), payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/bodies', headers: auth(c.users.authorA.token), payload })).statusCode).toBe(403);
    const clerk = await Browser.signedIn(app, t.store, c.users.clerk.userId);
    const noCsrf = await clerk.request('POST', '/api/v1/bodies', { payload: Buffer.from(JSON.stringify(payload)), headers: { 'content-type': 'application/json' } });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await clerk.request('POST', '/api/v1/bodies', { payload: Buffer.from(JSON.stringify(payload)), headers: { 'content-type': 'application/json', 'x-csrf-token': clerk.csrf } });
    expect(withCsrf.statusCode).toBe(201);
  });

  it('gives no exempt content from any /api/v1 endpoint to the public or to a councillor of another body', async (ctx) => {
    await setup(ctx);
    const gets = [...new Set(app.registeredRoutes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1')).map((r) => r.url))];
    const viewers: [string, Record<string, string>][] = [['public', {}], ['councillor of another body', auth(c.users.councillorB.token)], ['report author', auth(c.users.authorA.token)]];
    let scanned = 0;
    for (const route of gets) {
      const urls = urlsFor(route, c);
      expect(urls.length, `no test URL for ${route}`).toBeGreaterThan(0);
      for (const url of urls) {
        for (const [who, headers] of viewers) {
          const res = await app.inject({ url, headers });
          expect(res.statusCode, `${who} ${url}`).toBeLessThan(500);
          expect(res.rawPayload.includes(Buffer.from(MARKER)), `${who} got the exempt marker from ${url}`).toBe(false);
          expect(res.body.includes('Zanzibar'), `${who} got part of the exempt marker from ${url}`).toBe(false);
          scanned++;
        }
      }
    }
    expect(scanned).toBeGreaterThan(40);
    expect((await app.inject({ url: `/api/v1/documents/${c.exemptPaperSlug}` })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/documents/${c.exemptPaperSlug}/versions/1/file`, headers: auth(c.users.councillorB.token) })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/decisions/${c.exemptDecisionSlug}` })).statusCode).toBe(404);
  });

  it('gives the councillor of the body its exempt item, paper, file, minutes, decision and search hits', async (ctx) => {
    await setup(ctx);
    const h = auth(c.users.councillorA.token);
    const meeting = await app.inject({ url: `/api/v1/meetings/${c.meeting.slug}`, headers: h });
    expect(meeting.body).toContain(`To agree the ${MARKER} terms`);
    expect(meeting.body).toContain(`Members discussed the ${MARKER} offer.`);
    expect(meeting.body).toContain(c.exemptPaperSlug);
    const doc = await app.inject({ url: `/api/v1/documents/${c.exemptPaperSlug}`, headers: h });
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body)).toMatchObject({ exempt: true, exemptParagraphs: [3] });
    const file = await app.inject({ url: `/api/v1/documents/${c.exemptPaperSlug}/versions/1/file`, headers: h });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const text = await app.inject({ url: `/api/v1/documents/${c.exemptPaperSlug}/versions/1`, headers: h });
    expect(text.body).toContain(MARKER);
    expect((await app.inject({ url: `/api/v1/decisions/${c.exemptDecisionSlug}`, headers: h })).body).toContain(MARKER);
    const listed = JSON.parse((await app.inject({ url: '/api/v1/decisions', headers: h })).body);
    expect(listed.total).toBe(2);
    const found = await app.inject({ url: '/api/v1/search?q=Zanzibar', headers: h });
    expect(JSON.parse(found.body).total).toBeGreaterThan(0);
    // The clerk sees it all too.
    expect((await app.inject({ url: `/api/v1/meetings/${c.meeting.slug}`, headers: auth(c.users.clerk.token) })).body).toContain(MARKER);
  });
});
