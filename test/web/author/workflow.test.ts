// A report author's workflow end to end through the pages: draft → preview (the pack builder's PDF) → appendix →
// submit → returned with comments → changed and resubmitted → approved; another author never sees it; every
// form needs its CSRF token; every step is audited.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import api from '../../../src/api/index.js';
import author from '../../../src/web/routes/author/index.js';
import councillor from '../../../src/web/routes/councillor/index.js';
import { appWith, Browser, multipart, pdfWithText, seedCouncil, type Council } from '../../api/fixture.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';

const REPORT = {
  from: 'Mr J Smith, Cabinet Member for Finance\nMs K Jones, Corporate Director of Finance',
  subject: 'Treasury management mid-year review',
  classification: 'unrestricted',
  summary: 'This report reviews treasury management in the first half of the year.',
  recommendations: 'NOTE the report\nAGREE the revised prudential indicators',
  section1Heading: 'Introduction',
  section1Body: 'The Council borrows and invests.\n\nThis is the second paragraph.',
  financialImplications: 'None beyond those in the report.',
  legalImplications: 'The Council must have regard to the CIPFA code.',
  equalityImplications: 'No equality impact.',
  backgroundDocuments: 'Treasury Management Strategy 2024-25',
  contactName: 'Olive Orwell',
  contactTitle: 'Head of Property',
  contactPhone: '03000 416000',
  contactEmail: 'olive.orwell@example.gov.uk',
};

describe.each(STORE_KINDS)('report authors on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  let c: Council;

  async function setup(ctx: Parameters<typeof get>[0]) {
    const t = get(ctx);
    if (!app) {
      c = await seedCouncil(t.store);
      app = await appWith(t.store, [{ plugin: api }, { plugin: author }, { plugin: councillor }]);
    }
    return { t, app };
  }

  afterAll(async () => {
    await app?.close();
  });

  it('goes from draft to approved by way of preview, appendix, return with comments and resubmission', async (ctx) => {
    const { t, app } = await setup(ctx);
    const writer = await Browser.signedIn(app, t.store, c.users.authorA.userId);
    const form = await writer.get('/author/reports/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');

    // A missing meeting is named in the error summary.
    const noMeeting = await writer.post('/author/reports', { ...REPORT });
    expect(noMeeting.statusCode).toBe(400);
    expect(noMeeting.body).toContain('href="#meetingId"');

    const created = await writer.post('/author/reports', { ...REPORT, meetingId: String(c.meeting.id) });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location!.split('?')[0];
    const id = Number(url.split('/').pop());
    const page = await writer.get(url);
    expect(page.body).toContain('Treasury management mid-year review');
    expect(page.body).toContain('Draft');

    const preview = await writer.get(`${url}/preview.pdf`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // An appendix as a browser sends it: multipart, with the CSRF token as a form field.
    const mp = multipart({ _csrf: writer.csrf, appendixTitle: 'Prudential indicators' }, { name: 'file', fileName: 'indicators.pdf', type: 'application/pdf', bytes: await pdfWithText(['Indicators']) });
    const attached = await writer.request('POST', `${url}/appendices`, { payload: mp.payload, headers: { 'content-type': mp.contentType } });
    expect(attached.statusCode, attached.body.slice(0, 300)).toBe(303);
    const notPdf = multipart({ _csrf: writer.csrf, appendixTitle: 'Spreadsheet' }, { name: 'file', fileName: 'x.xlsx', type: 'application/vnd.ms-excel', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]) });
    const refused = await writer.request('POST', `${url}/appendices`, { payload: notPdf.payload, headers: { 'content-type': notPdf.contentType } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('is not a PDF');

    expect((await writer.post(`${url}/submit`, {})).statusCode).toBe(303);
    expect((await writer.get(url)).body).toContain('Submitted for approval');
    // Submitted reports are locked.
    expect((await writer.post(url, { ...REPORT, meetingId: String(c.meeting.id) })).statusCode).toBe(400);

    // The public never sees the draft or its appendix through the API.
    const meeting = await app.inject({ url: `/api/v1/meetings/${c.meeting.slug}` });
    expect(meeting.body).not.toContain('Treasury management');
    expect(meeting.body).not.toContain('Prudential indicators');

    const clerk = await Browser.signedIn(app, t.store, c.users.clerk.userId);
    const list = await clerk.get('/author/review');
    expect(list.body).toContain(`/author/review/${id}`);
    expect(list.body).toContain('>Olive Orwell<');
    expect((await clerk.get(`/author/review/${id}`)).body).toMatch(/Author\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Olive Orwell\s*</);
    const reviewPreview = await clerk.get(`/author/review/${id}/preview.pdf`);
    expect(reviewPreview.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const noComments = await clerk.post(`/author/review/${id}/return`, { comments: '' });
    expect(noComments.statusCode).toBe(400);
    expect(noComments.body).toContain('href="#comments"');
    expect((await clerk.post(`/author/review/${id}/return`, { comments: 'Please add the borrowing figures to section 1.' })).statusCode).toBe(303);

    const returned = await writer.get(url);
    expect(returned.body).toContain('Returned with comments');
    expect(returned.body).toContain('Please add the borrowing figures to section 1.');
    expect((await writer.post(url, { ...REPORT, section1Body: 'Borrowing stands at 850m.', meetingId: String(c.meeting.id) })).statusCode).toBe(303);
    expect((await writer.post(`${url}/submit`, {})).statusCode).toBe(303);
    expect((await clerk.post(`/author/review/${id}/approve`, {})).statusCode).toBe(303);
    expect((await writer.get(url)).body).toContain('Approved');

    const doc = await t.store.db.selectFrom('document').select(['kind', 'workflow_status', 'author_person_id', 'current_version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'report', workflow_status: 'approved', author_person_id: c.users.authorA.personId });
    expect(doc.current_version).toBe(4); // created, appendix added, saved after return, rendered to PDF on approval
    const rendered = await t.store.db.selectFrom('document_version').select(['content_type', 'structured_json']).where('document_id', '=', id).where('version', '=', 4).executeTakeFirstOrThrow();
    expect(rendered.content_type).toBe('application/pdf');
    const structured = await t.store.db.selectFrom('document_version').select('structured_json').where('document_id', '=', id).where('version', '=', 3).executeTakeFirstOrThrow();
    expect(JSON.parse(structured.structured_json!)).toMatchObject({ subject: REPORT.subject, to: 'Alpha Cabinet Committee', toDate: '2024-06-10', appendices: [{ title: 'Prudential indicators' }] });
    const appendix = await t.store.db.selectFrom('document').select('workflow_status').where('kind', '=', 'appendix').where('author_person_id', '=', c.users.authorA.personId).executeTakeFirstOrThrow();
    expect(appendix.workflow_status).toBe('approved');
    const actions = (await t.store.db.selectFrom('audit_log').select('action').where('entity', '=', 'document').where('entity_id', '=', String(id)).orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['create', 'version', 'submit', 'return', 'version', 'submit', 'approve', 'version']);
    // Approved, the report is part of the record the public reads.
    expect((await app.inject({ url: `/api/v1/meetings/${c.meeting.slug}` })).body).toContain('Treasury management mid-year review');
  });

  it('keeps an author’s drafts from other authors, councillors and the public', async (ctx) => {
    const { t, app } = await setup(ctx);
    const a = await Browser.signedIn(app, t.store, c.users.authorA.userId);
    const created = await a.post('/author/reports', { ...REPORT, subject: 'Confidential draft about Eastgate', meetingId: String(c.meeting.id) });
    const url = created.headers.location!.split('?')[0];
    const b = await Browser.signedIn(app, t.store, c.users.authorB.userId);
    expect((await b.get(url)).statusCode).toBe(404);
    expect((await b.get(`${url}/preview.pdf`)).statusCode).toBe(404);
    expect((await b.post(url, { ...REPORT, meetingId: String(c.meeting.id) })).statusCode).toBe(404);
    expect((await b.post(`${url}/submit`, {})).statusCode).toBe(404);
    expect((await b.get('/author')).body).not.toContain('Eastgate');
    const cllr = await Browser.signedIn(app, t.store, c.users.councillorA.userId);
    expect((await cllr.get(url)).statusCode).toBe(403);
    expect((await cllr.get('/author/review')).statusCode).toBe(403);
    expect((await b.get('/author/review')).statusCode).toBe(403);
    const pub = await app.inject({ url });
    expect(pub.statusCode).toBe(303);
    expect(pub.headers.location).toContain('/account/sign-in');
    for (const token of [c.users.authorB.token, c.users.councillorA.token]) {
      const res = await app.inject({ url: `/api/v1/meetings/${c.meeting.slug}`, headers: { authorization: `Bearer ${token}` } });
      expect(res.body).not.toContain('Eastgate');
    }
  });

  it('refuses every author and review form without the CSRF token', async (ctx) => {
    const { t, app } = await setup(ctx);
    const a = await Browser.signedIn(app, t.store, c.users.authorA.userId);
    const before = await t.store.db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const forged = await a.request('POST', '/author/reports', { form: { ...REPORT, meetingId: String(c.meeting.id) } });
    expect(forged.statusCode).toBe(403);
    const wrong = await a.request('POST', '/author/reports', { form: { ...REPORT, meetingId: String(c.meeting.id), _csrf: 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    const after = await t.store.db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const clerk = await Browser.signedIn(app, t.store, c.users.clerk.userId);
    expect((await clerk.request('POST', '/author/review/1/approve', { form: {} })).statusCode).toBe(403);
  });
});
