// Select committee reviews written through the API (src/api/reviews.ts) on SQLite and PostgreSQL: started with its
// body and members, moved stage by stage, an evidence session, the final report published and corrected as a new
// version (never overwritten); each refusal names the field. The same services as the workspace: the review is on its
// body's page, in search (the report to the page) and the sitemap, and every change is in the audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { ValidationError } from '../../src/errors.js';
import { attachReviewReport, startReview } from '../../src/services/executive/scrutiny.js';
import { registerPortal } from '../../src/server.js';
import { buildApp } from '../../src/web/app.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { pdfWithText, seedCouncil } from './fixture.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe.each(STORE_KINDS)('select committee reviews through the API on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('starts a review, moves it, adds a session and publishes its final report, then a corrected version', async (ctx) => {
    const { store } = get(ctx);
    const c = await seedCouncil(store);
    app = await buildApp({ store, today: () => '2024-06-01', routes: registerPortal() });
    await app.ready();
    const h = auth(c.users.clerk.token);
    const post = (url: string, payload: unknown, headers = h) => app!.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
    const start = { title: 'School transport', body: c.beta.slug, termsOfReference: 'To review home to school transport and its costs.', startedOn: '2024-01-15',
      members: [{ name: 'Mr B Barton', role: 'Chairman' }, { name: 'Mrs C Cole' }] };

    // Only Democratic Services write; bad input names the field.
    expect((await post('/api/v1/reviews', start, auth(c.users.councillorB.token))).statusCode).toBe(403);
    const noMembers = await post('/api/v1/reviews', { ...start, members: [] });
    expect(noMembers.statusCode).toBe(400);
    expect(JSON.parse(noMembers.body).field).toBe('members');
    const noBody = await post('/api/v1/reviews', { ...start, body: 'no-such-body' });
    expect(JSON.parse(noBody.body)).toMatchObject({ field: 'body', message: 'There is no body "no-such-body"' });
    const started = await post('/api/v1/reviews', start);
    expect(started.statusCode, started.body).toBe(201);
    const { slug, url } = JSON.parse(started.body) as { slug: string; url: string };
    expect(url).toBe(`/api/v1/reviews/${slug}`);

    // The report waits for the report stage; stages one at a time; sessions while gathering evidence.
    const pdf = await pdfWithText(['School transport review: final report', 'Recommendation 1: publish the bus pass eligibility rules']);
    const early = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'report.pdf', contentBase64: b64(pdf) });
    expect(early.statusCode).toBe(400);
    expect(JSON.parse(early.body)).toMatchObject({ field: 'stage', message: 'The final report is attached once the review reaches its final report stage; this review is at scoping' });
    const skip = await post(`/api/v1/reviews/${slug}/stage`, { to: 'report', on: '2024-02-01', reportSummary: 'x' });
    expect(JSON.parse(skip.body)).toMatchObject({ field: 'stage' });
    const badStage = await post(`/api/v1/reviews/${slug}/stage`, { to: 'finished', on: '2024-02-01' });
    expect(JSON.parse(badStage.body).field).toBe('to');
    expect((await post(`/api/v1/reviews/${slug}/stage`, { to: 'evidence', on: '2024-02-01' })).statusCode).toBe(200);
    const session = await post(`/api/v1/reviews/${slug}/sessions`, { on: '2024-02-20', title: 'Parents and carers', witnesses: 'Parent Carer Forum' });
    expect(session.statusCode, session.body).toBe(201);
    expect(JSON.parse((await post(`/api/v1/reviews/${slug}/sessions`, { on: '2024-02-30', title: 'x' })).body).field).toBe('on');
    const noSummary = await post(`/api/v1/reviews/${slug}/stage`, { to: 'report', on: '2024-04-01' });
    expect(JSON.parse(noSummary.body)).toMatchObject({ field: 'reportSummary' });
    expect((await post(`/api/v1/reviews/${slug}/stage`, { to: 'report', on: '2024-04-01', reportSummary: 'Six recommendations.' })).statusCode).toBe(200);

    // The report: a file that is not a PDF is refused; the first version published; a second needs its reason.
    const notPdf = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'report.pdf', contentBase64: b64(Buffer.from('not a pdf at all')) });
    expect(notPdf.statusCode).toBe(400);
    expect(JSON.parse(notPdf.body)).toMatchObject({ field: 'file' });
    expect(JSON.parse(notPdf.body).message).toMatch(/report\.pdf/);
    const first = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'report.pdf', contentBase64: b64(pdf), title: 'School transport: report of the select committee' });
    expect(first.statusCode, first.body).toBe(201);
    const doc = JSON.parse(first.body) as { slug: string; version: number };
    expect(doc.version).toBe(1);
    const corrected = await pdfWithText(['School transport review: final report (corrected)', 'Recommendation 1: publish the bus pass eligibility rules each spring']);
    const noNote = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'report-v2.pdf', contentBase64: b64(corrected) });
    expect(JSON.parse(noNote.body)).toMatchObject({ field: 'note' });
    const second = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'report-v2.pdf', contentBase64: b64(corrected), note: 'Recommendation 1 dated' });
    expect(JSON.parse(second.body)).toMatchObject({ slug: doc.slug, version: 2 });

    // Read back: the review with its report and both versions; version 1 is kept as published.
    const read = JSON.parse((await app.inject(url)).body);
    expect(read).toMatchObject({ stage: 'report', body: 'Beta Scrutiny Committee', report: { slug: doc.slug, title: 'School transport: report of the select committee', version: 2 } });
    expect(read.report.versions.map((v: { version: number; note: string | null }) => [v.version, v.note])).toEqual([[2, 'Recommendation 1 dated'], [1, null]]);
    expect((await app.inject(`/documents/${doc.slug}/v1`)).body).toContain('bus pass eligibility rules');
    expect((await app.inject(`/documents/${doc.slug}`)).body).toContain('each spring');

    // On the body's page, in search (the current version's text, to the page) and in the sitemap.
    expect((await app.inject(`/bodies/${c.beta.slug}`)).body).toContain(`href="/reviews/${slug}">School transport</a>`);
    const hits = JSON.parse((await app.inject('/api/v1/search?q=eligibility+spring')).body) as { items: { kind: string; url: string }[] };
    expect(hits.items.map((x) => x.url)).toContain(`/documents/${doc.slug}#page-1`);
    const reviewHits = JSON.parse((await app.inject('/api/v1/search?q=school+transport&kinds=review')).body) as { items: { kind: string; url: string }[] };
    expect(reviewHits.items.map((x) => `${x.kind} ${x.url}`)).toEqual([`review /reviews/${slug}`]);
    const sitemap = (await app.inject('/sitemap.xml')).body;
    expect(sitemap).toContain(`/reviews/${slug}</loc>`);
    expect(sitemap).toContain(`/documents/${doc.slug}</loc>`);

    // Every change audited, by the clerk.
    const audit = await store.db.selectFrom('audit_log').select(['entity', 'action']).where('actor_id', '=', c.users.clerk.userId).execute();
    const actions = audit.map((a) => `${a.entity} ${a.action}`);
    for (const a of ['scrutiny_review create', 'scrutiny_review stage', 'scrutiny_review_session create', 'scrutiny_review report', 'document create', 'document version']) expect(actions, a).toContain(a);
  });

  it('refuses a report on a review with no such id, and an empty file, in the service itself', async (ctx) => {
    const { store } = get(ctx);
    const r = await startReview(store.db, SYSTEM_ACTOR, { title: `Service check ${kind}`, termsOfReference: 'x', startedOn: '2024-01-01', members: [{ name: 'Mr A', role: 'Member' }] });
    const pdf = await pdfWithText(['x']);
    await expect(attachReviewReport(store.db, SYSTEM_ACTOR, 999999, { fileName: 'r.pdf', bytes: pdf })).rejects.toThrow('there is no review 999999');
    const empty = await attachReviewReport(store.db, SYSTEM_ACTOR, r.id, { fileName: 'r.pdf', bytes: new Uint8Array() }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).field).toBe('file');
    const atScoping = await attachReviewReport(store.db, SYSTEM_ACTOR, r.id, { fileName: 'r.pdf', bytes: pdf }).catch((e: unknown) => e);
    expect((atScoping as ValidationError).field).toBe('stage');
    expect(await store.db.selectFrom('scrutiny_review').select('report_document_id').where('id', '=', r.id).executeTakeFirstOrThrow()).toEqual({ report_document_id: null });
  });

});

describe.each(STORE_KINDS)('an exempt final report of a review on %s', (kind) => {
  const get = useTestStore(kind);

  it('keeps an exempt final report from the public (they see it exists, and its paragraph) while the committee reads it', async (ctx) => {
    const { store } = get(ctx);
    const c = await seedCouncil(store);
    const web = await buildApp({ store, today: () => '2024-06-01', routes: registerPortal() });
    await web.ready();
    try {
      const h = auth(c.users.clerk.token);
      const post = (url: string, payload: unknown) => web.inject({ method: 'POST', url, headers: h, payload: payload as Record<string, unknown> });
      const started = await post('/api/v1/reviews', { title: 'Care home contracts', body: c.beta.slug, termsOfReference: 'To review the care home contracts.', startedOn: '2024-01-15', members: [{ name: 'Mr B Barton' }] });
      const { slug } = JSON.parse(started.body) as { slug: string };
      for (const [to, extra] of [['evidence', {}], ['report', { reportSummary: 'The committee reported on the contracts.' }]] as const) {
        expect((await post(`/api/v1/reviews/${slug}/stage`, { to, on: '2024-03-01', ...extra })).statusCode).toBe(200);
      }
      const pdf = await pdfWithText(['Care home contracts: final report', 'Provider zqxexemptword tendered prices']);
      // Exempt needs its paragraph; paragraphs only for an exempt report.
      const noPara = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'r.pdf', contentBase64: b64(pdf), classification: 'exempt' });
      expect(noPara.statusCode).toBe(400);
      expect(JSON.parse(noPara.body)).toMatchObject({ field: 'exemptParagraphs' });
      const paraOpen = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'r.pdf', contentBase64: b64(pdf), exemptParagraphs: [3] });
      expect(JSON.parse(paraOpen.body)).toMatchObject({ field: 'exemptParagraphs' });
      const first = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'r.pdf', contentBase64: b64(pdf), title: 'Care home zqxtitleword report', classification: 'exempt', exemptParagraphs: [3] });
      expect(first.statusCode, first.body).toBe(201);
      const doc = JSON.parse(first.body) as { slug: string };

      // The public: the review says a report exists and is exempt under paragraph 3; nothing of it anywhere.
      const page = (await web.inject(`/reviews/${slug}`)).body;
      expect(page).toContain('Exempt: paragraph 3 of Part 1 of Schedule 12A');
      expect(page).not.toContain('zqxtitleword');
      expect(page).not.toContain(`/documents/${doc.slug}`);
      const apiPublic = JSON.parse((await web.inject(`/api/v1/reviews/${slug}`)).body);
      expect(apiPublic.report).toMatchObject({ exempt: true, exemptLabel: 'Exempt: paragraph 3 of Part 1 of Schedule 12A', slug: null, title: null, versions: [] });
      expect((await web.inject(`/documents/${doc.slug}`)).statusCode).toBe(403);
      expect((await web.inject(`/documents/${doc.slug}.pdf`)).statusCode).toBe(403);
      expect((await web.inject(`/api/v1/documents/${doc.slug}`)).statusCode).not.toBe(200);
      const sitemap = (await web.inject('/sitemap.xml')).body;
      expect(sitemap).toContain(`/reviews/${slug}</loc>`);
      expect(sitemap).not.toContain(`/documents/${doc.slug}`);
      const hits = (token: string | null) => web.inject({ url: '/api/v1/search?q=zqxexemptword', headers: token ? auth(token) : {} }).then((r) => (JSON.parse(r.body) as { items: { url: string }[] }).items.map((x) => x.url));
      expect(await hits(null)).toEqual([]);
      expect(await hits(c.users.councillorA.token)).toEqual([]);

      // A member of the appointing committee (and Democratic Services) reads it.
      expect(await hits(c.users.councillorB.token)).toContain(`/documents/${doc.slug}#page-1`);
      const member = JSON.parse((await web.inject({ url: `/api/v1/reviews/${slug}`, headers: auth(c.users.councillorB.token) })).body);
      expect(member.report).toMatchObject({ exempt: true, slug: doc.slug, title: 'Care home zqxtitleword report' });
      expect((await web.inject({ url: `/documents/${doc.slug}.pdf`, headers: auth(c.users.councillorB.token) })).statusCode).toBe(200);
      expect((await web.inject({ url: `/documents/${doc.slug}.pdf`, headers: auth(c.users.councillorA.token) })).statusCode).toBe(403);

      // A redacted open correction is public; the exempt first version stays exempt.
      const redacted = await pdfWithText(['Care home contracts: final report (redacted)', 'Provider prices withheld']);
      const second = await post(`/api/v1/reviews/${slug}/report`, { fileName: 'r2.pdf', contentBase64: b64(redacted), note: 'Redacted for publication' });
      expect(second.statusCode, second.body).toBe(201);
      const after = JSON.parse((await web.inject(`/api/v1/reviews/${slug}`)).body);
      expect(after.report).toMatchObject({ exempt: false, slug: doc.slug, version: 2 });
      expect(after.report.versions.map((v: { version: number }) => v.version)).toEqual([2]);
      expect((await web.inject(`/documents/${doc.slug}/v1`)).statusCode).toBe(403);
      expect(await hits(null)).toEqual([]);
      const audit = await store.db.selectFrom('audit_log').select('summary').where('entity', '=', 'scrutiny_review').where('action', '=', 'report').execute();
      expect(audit.map((a) => a.summary)).toContain('Final report of review "Care home contracts" published as exempt (Exempt: paragraph 3 of Part 1 of Schedule 12A)');
    } finally {
      await web.close();
    }
  });
});
