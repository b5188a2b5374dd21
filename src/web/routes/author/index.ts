// Report authors' pages: write a report in the standard template, attach PDF appendices, preview it as the pack
// will print it, and submit it for approval. Authors see and change only their own reports; a returned report
// shows the clerk's comments and can be changed and submitted again. The clerk's review pages are in review.ts.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Viewer } from '../../../domain/policy.js';
import { EXEMPT_PARAGRAPH_DESCRIPTIONS, EXEMPT_PARAGRAPHS } from '../../../domain/types.js';
import { acceptMultipart, isUploadedFile } from '../../../http/multipart.js';
import { actorOf } from '../../../services/accounts.js';
import { validateUploadedPdf } from '../../../services/documents.js';
import {
  addAppendix, blankReport, createReport, getReport, isEditable, listReports, meetingsTakingReports, reportItemChoices, REPORT_STATUS_LABELS, reportHistory, reportResource, saveReport,
  submitReport, type ReportRow,
} from '../../../services/reports.js';
import type { Store } from '../../../services/unit.js';
import { requireAction } from '../../../http/guards.js';
import { errorSummary, field, fieldErrorOf, type FieldError } from '../../forms.js';
import { formValues, reportFromForm, SECTION_SLOTS } from './form.js';
import { previewPdf, sendPdf } from './preview.js';
import review from './review.js';

export interface AuthorOptions {
  store: Store;
  today?: () => string;
}

export const paragraphItems = EXEMPT_PARAGRAPHS.map((p) => ({ value: String(p), text: `Paragraph ${p}: ${EXEMPT_PARAGRAPH_DESCRIPTIONS[p]}` }));

const author: FastifyPluginAsync<AuthorOptions> = async (app, { store, today }) => {
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));
  const db = store.db;
  const guard = requireAction('write-report');
  acceptMultipart(app);

  function personOf(request: FastifyRequest, reply: FastifyReply): number | null {
    const v = request.viewer;
    if (v.kind === 'user' && v.personId !== null) return v.personId;
    reply.code(403).render('pages/error.njk', {
      pageTitle: 'Your account is not linked to a person',
      heading: 'Your account is not linked to a person',
      message: 'Reports carry their author’s name as the contact. Ask Democratic Services to link your account to your entry in the record.',
    });
    return null;
  }

  /** The author's own report, or null after sending 404 (another author's report is not theirs to know of). */
  async function ownReport(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<ReportRow | null> {
    const id = Number(request.params.id);
    const r = Number.isInteger(id) ? await getReport(db, id) : null;
    const v = request.viewer;
    if (!r || v.kind !== 'user' || r.author_person_id !== v.personId || !can(v, 'view', reportResource(r))) {
      reply.code(404).render('pages/error-404.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return r;
  }

  async function meetingChoices(current: number | null) {
    const rows = await meetingsTakingReports(db, todayIso(), current);
    return rows.map((m) => ({ value: String(m.id), text: `${m.name}, ${m.date}`, selected: m.id === current }));
  }

  async function itemChoices(viewer: Viewer, meetingId: number | null, current: number | null) {
    if (meetingId === null) return [];
    const rows = await reportItemChoices(db, viewer, meetingId, current);
    return [{ value: '', text: 'Not yet on the agenda' }, ...rows.map((i) => ({ value: String(i.id), text: `${i.code} ${i.title ?? '(exempt item)'}`, selected: i.id === current }))];
  }

  async function renderForm(reply: FastifyReply, ctx: { report?: ReportRow; values: Record<string, unknown>; errors?: FieldError[]; meetingId: number | null; agendaItemId: number | null }) {
    const errors = ctx.errors ?? [];
    const r = ctx.report;
    if (errors.length) reply.code(400);
    return reply.render('pages/author/report.njk', {
      pageTitle: `${errors.length ? 'Error: ' : ''}${r ? r.title : 'New report'}`,
      report: r, statusLabel: r ? REPORT_STATUS_LABELS[r.status] : null, editable: r ? isEditable(r.status) : true,
      history: r ? await reportHistory(db, r.id) : [],
      values: ctx.values, meetings: await meetingChoices(ctx.meetingId), items: await itemChoices(reply.request.viewer, ctx.meetingId, ctx.agendaItemId),
      paragraphItems, slots: Array.from({ length: SECTION_SLOTS }, (_, i) => i + 1),
      breadcrumbs: [{ text: 'Your reports', href: '/author' }],
      ...errorSummary(errors),
    });
  }

  app.get('/author', { preHandler: guard }, async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const reports = await listReports(db, { authorPersonId: personId });
    return reply.render('pages/author/index.njk', { pageTitle: 'Your reports', reports: reports.map((r) => ({ ...r, statusLabel: REPORT_STATUS_LABELS[r.workflow_status as keyof typeof REPORT_STATUS_LABELS] ?? r.workflow_status })) });
  });

  app.get('/author/reports/new', { preHandler: guard }, async (request, reply) => {
    if (personOf(request, reply) === null) return reply;
    return renderForm(reply, { values: formValues(blankReport(), null, null), meetingId: null, agendaItemId: null });
  });

  app.post('/author/reports', { preHandler: guard }, async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const form = reportFromForm(request.body);
    try {
      if (form.meetingId === null) throw Object.assign(new Error(), { fe: { field: 'meetingId', text: 'Choose the meeting the report is for' } });
      const id = await createReport(store, actorOf(request.account!), personId, { meetingId: form.meetingId!, agendaItemId: form.agendaItemId }, form.report);
      return reply.redirect(`/author/reports/${id}?saved=1`, 303);
    } catch (e) {
      const fe = (e as { fe?: FieldError }).fe ?? fieldErrorOf(e, 'subject');
      if (!fe) throw e;
      return renderForm(reply, { values: { ...formValues(form.report, form.meetingId, form.agendaItemId) }, errors: [fe], meetingId: form.meetingId, agendaItemId: form.agendaItemId });
    }
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/author/reports/:id', { preHandler: guard }, async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    reply.header('cache-control', 'private, no-store');
    return renderForm(reply, { report: r, values: { ...formValues(r.report, r.meeting_id, r.agenda_item_id), saved: request.query.saved }, meetingId: r.meeting_id, agendaItemId: r.agenda_item_id });
  });

  app.post<{ Params: { id: string } }>('/author/reports/:id', { preHandler: guard }, async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    const form = reportFromForm(request.body, r.report.appendices);
    try {
      if (form.meetingId === null) throw Object.assign(new Error(), { fe: { field: 'meetingId', text: 'Choose the meeting the report is for' } });
      await saveReport(store, actorOf(request.account!), r.id, { meetingId: form.meetingId!, agendaItemId: form.agendaItemId }, form.report);
      return reply.redirect(`/author/reports/${r.id}?saved=1`, 303);
    } catch (e) {
      const fe = (e as { fe?: FieldError }).fe ?? fieldErrorOf(e, 'subject');
      if (!fe) throw e;
      return renderForm(reply, { report: r, values: formValues(form.report, form.meetingId, form.agendaItemId), errors: [fe], meetingId: form.meetingId, agendaItemId: form.agendaItemId });
    }
  });

  app.get<{ Params: { id: string } }>('/author/reports/:id/preview.pdf', { preHandler: guard }, async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    return sendPdf(reply, await previewPdf(store, r), `${r.slug}-preview.pdf`);
  });

  app.post<{ Params: { id: string } }>('/author/reports/:id/submit', { preHandler: guard }, async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    try {
      await submitReport(store, actorOf(request.account!), r.id);
      return reply.redirect(`/author/reports/${r.id}`, 303);
    } catch (e) {
      const fe = fieldErrorOf(e, 'subject');
      if (!fe) throw e;
      return renderForm(reply, { report: r, values: formValues(r.report, r.meeting_id, r.agenda_item_id), errors: [fe], meetingId: r.meeting_id, agendaItemId: r.agenda_item_id });
    }
  });

  app.post<{ Params: { id: string } }>('/author/reports/:id/appendices', { preHandler: guard }, async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = body.file;
    const values = formValues(r.report, r.meeting_id, r.agenda_item_id);
    const fail = (fe: FieldError) => renderForm(reply, { report: r, values: { ...values, appendixTitle: field(body, 'appendixTitle') }, errors: [fe], meetingId: r.meeting_id, agendaItemId: r.agenda_item_id });
    if (!isUploadedFile(file)) return fail({ field: 'file', text: 'Choose a PDF file to attach' });
    const check = await validateUploadedPdf(file.bytes, file.fileName);
    if (check.problems.length) return fail({ field: 'file', text: `The file ${check.problems[0].message.replace(/^"[^"]*" /, '')}` });
    try {
      await addAppendix(store, actorOf(request.account!), r.id, { bytes: file.bytes, fileName: file.fileName, pageCount: check.pageCount }, field(body, 'appendixTitle'));
    } catch (e) {
      const fe = fieldErrorOf(e, 'appendixTitle');
      if (!fe) throw e;
      return fail(fe);
    }
    return reply.redirect(`/author/reports/${r.id}?saved=1`, 303);
  });

  await app.register(review, { store });
};

export default author;
