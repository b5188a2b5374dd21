// The clerk's cycle screens over HTTP: a meeting in private noticed on the forward plan (the 28-day notice), then
// the notice of reasons with the representations and the response (5 clear days before), listed publicly; a select
// committee review through its stages, on its public page and in the API; bad input refused naming the field.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { registerPortal } from '../../../src/server.js';
import { createUser } from '../../../src/store/accounts.js';
import { buildApp } from '../../../src/web/app.js';
import { Browser } from '../../api/fixture.js';
import { makePdf, multipart } from './helpers.js';
import { useTestStore } from '../../helpers/use-store.js';

describe('cycle screens in the workspace', () => {
  const get = useTestStore('sqlite');
  let app: FastifyInstance | null = null;
  let today = '2026-01-05';
  afterAll(async () => {
    await app?.close();
  });

  it('notices a meeting in private 28 days ahead, then publishes the reasons and representations; the public sees both', async (ctx) => {
    const { store } = get(ctx);
    app = await buildApp({ store, today: () => today, routes: registerPortal() });
    const clerkId = await createUser(store.db, SYSTEM_ACTOR, { email: 'clerk@example.org', displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const clerk = await Browser.signedIn(app, store, clerkId);
    const entry = { title: 'Disposal of the Westgate depot', takerKind: 'body', takerName: 'Cabinet', 'expectedOn-day': '10', 'expectedOn-month': '2', 'expectedOn-year': '2026', key: 'yes',
      keyReason: 'Receipts above the threshold', private: 'yes', exemptParagraphs: '3', privateReason: 'The report names the bidders and their offers.' };
    const noParagraph = await clerk.post('/workspace/forward-plan/entries', { ...entry, exemptParagraphs: '' });
    expect(noParagraph.statusCode).toBe(400);
    expect(noParagraph.body).toContain('href="#exemptParagraphs"');
    expect((await clerk.post('/workspace/forward-plan/entries', entry)).statusCode).toBe(303);
    const id = Number(/\/workspace\/forward-plan\/entries\/(\d+)/.exec((await clerk.get('/workspace/forward-plan')).body)![1]);

    // Before the 28-day notice is published there is nothing to give reasons for.
    const early = await clerk.get(`/workspace/forward-plan/entries/${id}`);
    expect(early.body).toContain('Publish this entry on the forward plan first');
    expect((await clerk.post(`/workspace/forward-plan/entries/${id}/private-notice`, { 'publishedOn-day': '2', 'publishedOn-month': '2', 'publishedOn-year': '2026' })).statusCode).toBe(400);
    expect((await clerk.post('/workspace/forward-plan/publish', { 'publishedOn-day': '5', 'publishedOn-month': '1', 'publishedOn-year': '2026' })).statusCode).toBe(303);
    const pub = new Browser(app);
    let notices = await pub.get('/forward-plan/private-meetings');
    expect(notices.statusCode).toBe(200);
    expect(notices.body).toContain('Disposal of the Westgate depot');
    expect(notices.body).toContain('Schedule 12A paragraph 3. The report names the bidders and their offers.');
    expect(notices.body).toContain('Not yet published');
    expect((await pub.get('/forward-plan')).body).toContain('href="/forward-plan/private-meetings"');

    // The notice of reasons: a missing date is refused on its field; then published with the representations.
    today = '2026-02-02';
    const form = await clerk.get(`/workspace/forward-plan/entries/${id}`);
    expect(form.body).toContain('Publish notice of reasons');
    const noDate = await clerk.post(`/workspace/forward-plan/entries/${id}/private-notice`, { representations: 'One received' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('href="#publishedOn-day"');
    expect(noDate.body).toContain('Enter the date the notice of reasons was published');
    const done = await clerk.post(`/workspace/forward-plan/entries/${id}/private-notice`, { 'publishedOn-day': '2', 'publishedOn-month': '2', 'publishedOn-year': '2026',
      representations: 'One representation asked for the meeting to be public; the council replied that the bids are commercially sensitive until the contract is let.' });
    expect(done.statusCode).toBe(303);
    expect((await clerk.get(done.headers.location as string)).body).toContain('Notice of reasons published');
    notices = await pub.get('/forward-plan/private-meetings');
    expect(notices.body).toContain('Published Monday 2 February 2026');
    expect(notices.body).toContain('the bids are commercially sensitive until the contract is let');
    // Once published it is not published again.
    expect((await clerk.get(`/workspace/forward-plan/entries/${id}`)).body).not.toContain('Publish notice of reasons');
  });

  it('runs a select committee review from scoping to monitoring; the public page and the API show each stage', async (ctx) => {
    const { store } = get(ctx);
    app ??= await buildApp({ store, today: () => today, routes: registerPortal() });
    const clerkId = await createUser(store.db, SYSTEM_ACTOR, { email: 'clerk2@example.org', displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const clerk = await Browser.signedIn(app, store, clerkId);
    today = '2025-05-12';
    const review = { title: 'Flood risk management', termsOfReference: 'To review how the council and its partners manage flood risk, and to recommend improvements.', 'startedOn-day': '12', 'startedOn-month': '5', 'startedOn-year': '2025' };
    const noMembers = await clerk.post('/workspace/reviews', review);
    expect(noMembers.statusCode).toBe(400);
    expect(noMembers.body).toContain('href="#members"');
    const started = await clerk.post('/workspace/reviews', { ...review, members: 'Mr A J King, Chairman\nMrs T Dean\nMr R Truelove' });
    expect(started.statusCode).toBe(303);
    const path = (started.headers.location as string).split('?')[0];
    const move = (to: string, day: string, month: string, extra: Record<string, string> = {}) => clerk.post(`${path}/stage`, { to, 'on-day': day, 'on-month': month, 'on-year': '2025', ...extra });
    // Sessions only while gathering evidence; stages one at a time.
    expect((await move('report', '1', '6', { reportSummary: 'Too early' })).body).toMatch(/moves next to evidence gathering/);
    expect((await move('evidence', '2', '6')).statusCode).toBe(303);
    const noTitle = await clerk.post(`${path}/sessions`, { 'on-day': '16', 'on-month': '6', 'on-year': '2025' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.body).toContain('href="#session-title"');
    expect((await clerk.post(`${path}/sessions`, { 'on-day': '16', 'on-month': '6', 'on-year': '2025', title: 'The Environment Agency', witnesses: 'Area Flood Risk Manager' })).statusCode).toBe(303);
    // The final report waits for the report stage.
    const upload = (fields: Record<string, string>, bytes: Buffer, fileName = 'flood-report.pdf') => {
      const body = multipart({ _csrf: clerk.csrf, ...fields }, { name: 'file', fileName, type: 'application/pdf', bytes });
      return clerk.request('POST', `${path}/report`, { payload: body.payload, headers: { 'content-type': body.contentType } });
    };
    const report = await makePdf('Flood risk review: final report. Householders should be offered sandbags through a single flood reporting line.');
    const early = await upload({}, report);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('<a href="#report-stage">The final report is attached once the review reaches its final report stage; this review is at evidence gathering</a>');
    const noSummary = await move('report', '8', '9');
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.body).toContain('href="#reportSummary"');
    expect((await move('report', '8', '9', { reportSummary: 'Eleven recommendations, among them a single flood reporting line.' })).statusCode).toBe(303);
    // A file that is not a PDF is refused naming the field; the report is published; a correction needs its reason.
    const notPdf = await upload({}, Buffer.from('PK\u0003\u0004 not a pdf'), 'report.docx');
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.body).toContain('<a href="#report-file">&quot;report.docx&quot; is not a PDF');
    const first = await upload({ title: '' }, report);
    expect(first.statusCode, first.body).toBe(303);
    expect(first.headers.location).toBe(`${path}?report=1`);
    expect((await clerk.get(first.headers.location as string)).body).toContain('Final report published');
    const noNote = await upload({}, await makePdf('Corrected: sandbags through a single flood reporting line, and flood wardens in every parish.'));
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('<a href="#report-note">Say what this new version corrects or changes');
    // An exempt version needs its paragraph(s) of Schedule 12A, named on the field.
    const fixed = await makePdf('Corrected: sandbags through a single flood reporting line, and flood wardens in every parish.');
    const noPara = await upload({ note: 'x', classification: 'exempt', exemptParagraphs: '' }, fixed);
    expect(noPara.statusCode).toBe(400);
    expect(noPara.body).toContain('<a href="#report-exemptParagraphs">An exempt report needs the paragraph(s) of Schedule 12A it falls under</a>');
    for (const bad of ['9', 'three']) {
      const r = await upload({ note: 'x', classification: 'exempt', exemptParagraphs: bad }, fixed);
      expect(r.body).toContain('href="#report-exemptParagraphs"');
    }
    const second = await upload({ note: 'Recommendation 4 corrected: flood wardens' }, await makePdf('Corrected: sandbags through a single flood reporting line, and flood wardens in every parish.'));
    expect(second.headers.location).toBe(`${path}?report=2`);
    const wsReport = (await clerk.get(path)).body;
    expect(wsReport).toContain('Flood risk management: final report</a> (version 2');
    expect(wsReport).toContain('Recommendation 4 corrected: flood wardens');
    expect((await move('response', '3', '11', { response: 'The Cabinet accepted ten of the eleven recommendations.' })).statusCode).toBe(303);
    expect((await move('monitoring', '4', '11')).statusCode).toBe(303);
    const ws = await clerk.get(path);
    expect(ws.body).toContain('Monitoring');
    expect(ws.body).toContain('Move to closed');

    const pub = new Browser(app);
    const list = await pub.get('/reviews');
    expect(list.body).toContain('href="/reviews/flood-risk-management"');
    const page = await pub.get('/reviews/flood-risk-management');
    for (const s of ['To review how the council and its partners manage flood risk', 'Mr A J King (Chairman)', 'The Environment Agency', 'Witnesses: Area Flood Risk Manager',
      'Eleven recommendations', 'The Cabinet accepted ten', 'Evidence gathering']) expect(page.body).toContain(s);
    // The final report on the public page, both versions readable; found in search, to the page; the body's page lists the review.
    const reportLink = /href="(\/documents\/[a-z0-9-]+)">Flood risk management: final report<\/a>/.exec(page.body);
    expect(reportLink, page.body).not.toBeNull();
    expect(page.body).toContain('Earlier versions');
    expect(page.body).toContain(`href="${reportLink![1]}/v1">Version 1</a>`);
    const reportPage = (await pub.get(reportLink![1])).body;
    expect(reportPage).toContain('flood wardens in every parish');
    expect(reportPage.match(/govuk-breadcrumbs__list[\s\S]*?<\/ol>/)?.[0]).toContain('href="/reviews/flood-risk-management">Flood risk management</a>');
    expect((await pub.get(`${reportLink![1]}/v1`)).statusCode).toBe(200);
    expect((await pub.get(`${reportLink![1]}.pdf`)).headers['content-type']).toMatch(/application\/pdf/);
    const found = await pub.get('/search?q=flood+wardens');
    expect(found.body).toContain(`href="${reportLink![1]}#page-1"`);
    const byKind = await pub.get('/search?q=flood&type=review');
    expect(byKind.body).toContain('href="/reviews/flood-risk-management"');
    expect(byKind.body).not.toContain(`href="${reportLink![1]}#page-1"`);
    expect((await pub.get('/sitemap.xml')).body).toContain('/reviews/flood-risk-management</loc>');
    expect((await pub.get('/sitemap.xml')).body).toContain(`${reportLink![1]}</loc>`);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'summary']).where('entity', '=', 'scrutiny_review').where('action', '=', 'report').orderBy('id').execute();
    expect(audit.map((a) => a.summary)).toEqual(['Final report of review "Flood risk management" published', 'Final report of review "Flood risk management": version 2 (Recommendation 4 corrected: flood wardens)']);
    expect((await pub.get('/reviews/no-such-review')).statusCode).toBe(404);
    const api = JSON.parse((await pub.get('/api/v1/reviews/flood-risk-management')).body);
    expect(api).toMatchObject({ stage: 'monitoring', members: [{ name: 'Mr A J King', role: 'Chairman' }, { name: 'Mrs T Dean', role: 'Member' }, { name: 'Mr R Truelove', role: 'Member' }] });
    expect(api.stages.map((s: { stage: string; on: string }) => `${s.stage} ${s.on}`)).toEqual(['scoping 2025-05-12', 'evidence 2025-06-02', 'report 2025-09-08', 'response 2025-11-03', 'monitoring 2025-11-04']);
    expect(JSON.parse((await pub.get('/api/v1/reviews')).body).items[0].url).toBe('/api/v1/reviews/flood-risk-management');
    expect((await pub.get('/api/v1/reviews/no-such-review')).statusCode).toBe(404);
  });
});
