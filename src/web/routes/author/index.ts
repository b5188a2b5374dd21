// Report authors' pages: write a report in the standard template, attach PDF appendices, preview it as the pack
// will print it, and submit it for approval. Authors see and change only their own reports; a returned report
// shows the clerk's comments and can be changed and submitted again. The clerk's review pages are in review.ts.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Viewer } from '../../../domain/policy.js';
import { EXEMPT_PARAGRAPH_DESCRIPTIONS, EXEMPT_PARAGRAPHS } from '../../../domain/types.js';
import { acceptMultipart, isUploadedFile, type UploadedFile } from '../../../http/multipart.js';
import { actorOf } from '../../../services/accounts.js';
import { validateUploadedPdf } from '../../../services/documents.js';
import {
  addAppendix, blankReport, createReport, getReport, isEditable, listReports, meetingsTakingReports, reportItemChoices, REPORT_STATUS_LABELS, reportHistory, reportResource, saveReport,
  submitReport, type AuthoredReport, type ReportRow,
} from '../../../services/reports.js';
import type { Store } from '../../../services/unit.js';
import { requireAction } from '../../../http/guards.js';
import { errorPage, field, postForm, type ErrorSummary, type Parsed } from '../../forms.js';
import { formValues, reportFromForm, SECTION_SLOTS, type ReportForm } from './form.js';
import { previewPdf, sendPdf } from './preview.js';
import review from './review.js';
import { formatDisplayDate } from '../../format.js';

export interface AuthorOptions {
  store: Store;
  today?: () => string;
}

export const paragraphItems = EXEMPT_PARAGRAPHS.map((p) => ({ value: String(p), text: `Paragraph ${p}: ${EXEMPT_PARAGRAPH_DESCRIPTIONS[p]}` }));

/** The author's own pages; the folder's guard, requireAction('write-report'), is this plugin's hook. */
const writing: FastifyPluginAsync<AuthorOptions> = async (app, { store, today }) => {
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));
  const db = store.db;
  app.addHook('preHandler', requireAction('write-report'));

  function personOf(request: FastifyRequest, reply: FastifyReply): number | null {
    const v = request.viewer;
    if (v.kind === 'user' && v.personId !== null) return v.personId;
    errorPage(reply, 403, {
      pageTitle: 'Your account is not linked to a person',
      heading: 'Your account is not linked to a person',
      message: `To draft a report you need an entry in the council's record (a person, with your name and job title), because every report carries its author as the contact. Your account${request.account ? ` (${request.account.email})` : ''} has none yet. Ask Democratic Services to link it to your entry: an administrator runs \`moot user link --email ${request.account?.email ?? 'your address'} --person <your page address name>\`.`,
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
    return rows.map((m) => ({ value: String(m.id), text: `${m.name}, ${formatDisplayDate(m.date)}`, selected: m.id === current }));
  }

  async function itemChoices(viewer: Viewer, meetingId: number | null, current: number | null) {
    if (meetingId === null) return [];
    const rows = await reportItemChoices(db, viewer, meetingId, current);
    return [{ value: '', text: 'Not yet on the agenda' }, ...rows.map((i) => ({ value: String(i.id), text: `${i.code} ${i.title ?? '(exempt item)'}`, selected: i.id === current }))];
  }

  async function renderForm(reply: FastifyReply, ctx: { report?: ReportRow; values: Record<string, unknown>; errors?: ErrorSummary; meetingId: number | null; agendaItemId: number | null }) {
    const r = ctx.report;
    return reply.render('pages/author/report.njk', {
      pageTitle: `${ctx.errors ? 'Error: ' : ''}${r ? r.title : 'New report'}`,
      report: r, statusLabel: r ? REPORT_STATUS_LABELS[r.status] : null, editable: r ? isEditable(r.status) : true,
      history: r ? await reportHistory(db, r.id) : [],
      values: ctx.values, meetings: await meetingChoices(ctx.meetingId), items: await itemChoices(reply.request.viewer, ctx.meetingId, ctx.agendaItemId),
      paragraphItems, slots: Array.from({ length: SECTION_SLOTS }, (_, i) => i + 1),
      breadcrumbs: [{ text: 'Your reports', href: '/author' }],
      ...ctx.errors,
    });
  }

  /** The report form read: the meeting it is for is required, the rest is checked by the service. */
  const readReport = (appendices?: AuthoredReport['appendices']) => (body: unknown): Parsed<ReportForm & { meetingId: number }> => {
    const form = reportFromForm(body, appendices);
    return form.meetingId === null ? { ok: false, errors: [{ field: 'meetingId', text: 'Choose the meeting the report is for' }] } : { ok: true, data: { ...form, meetingId: form.meetingId } };
  };

  /** The form again with what was typed and the errors. */
  const typedAgain = (reply: FastifyReply, report: ReportRow | undefined, body: unknown, errors: ErrorSummary) => {
    const form = reportFromForm(body, report?.report.appendices);
    return renderForm(reply, { report, values: formValues(form.report, form.meetingId, form.agendaItemId), errors, meetingId: form.meetingId, agendaItemId: form.agendaItemId });
  };

  app.get('/author', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const reports = await listReports(db, { authorPersonId: personId });
    return reply.render('pages/author/index.njk', { pageTitle: 'Your reports', reports: reports.map((r) => ({ ...r, statusLabel: REPORT_STATUS_LABELS[r.workflow_status as keyof typeof REPORT_STATUS_LABELS] ?? r.workflow_status })) });
  });

  app.get('/author/reports/new', async (request, reply) => {
    if (personOf(request, reply) === null) return reply;
    return renderForm(reply, { values: formValues(blankReport(), null, null), meetingId: null, agendaItemId: null });
  });

  app.post('/author/reports', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    return postForm(request, reply, {
      schema: readReport(),
      fallbackField: 'subject',
      save: async (form) => `/author/reports/${await createReport(store, actorOf(request.account!), personId, { meetingId: form.meetingId, agendaItemId: form.agendaItemId }, form.report)}?saved=1`,
      rerender: (form, errors) => typedAgain(reply, undefined, form, errors),
    });
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/author/reports/:id', async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    reply.header('cache-control', 'private, no-store');
    return renderForm(reply, { report: r, values: { ...formValues(r.report, r.meeting_id, r.agenda_item_id), saved: request.query.saved }, meetingId: r.meeting_id, agendaItemId: r.agenda_item_id });
  });

  app.post<{ Params: { id: string } }>('/author/reports/:id', async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    return postForm(request, reply, {
      schema: readReport(r.report.appendices),
      fallbackField: 'subject',
      save: async (form) => {
        await saveReport(store, actorOf(request.account!), r.id, { meetingId: form.meetingId, agendaItemId: form.agendaItemId }, form.report);
        return `/author/reports/${r.id}?saved=1`;
      },
      rerender: (form, errors) => typedAgain(reply, r, form, errors),
    });
  });

  app.get<{ Params: { id: string } }>('/author/reports/:id/preview.pdf', async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    return sendPdf(reply, await previewPdf(store, r), `${r.slug}-preview.pdf`);
  });

  app.post<{ Params: { id: string } }>('/author/reports/:id/submit', async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    return postForm(request, reply, {
      fallbackField: 'subject',
      save: async () => {
        await submitReport(store, actorOf(request.account!), r.id);
        return `/author/reports/${r.id}`;
      },
      rerender: (_form, errors) => renderForm(reply, { report: r, values: formValues(r.report, r.meeting_id, r.agenda_item_id), errors, meetingId: r.meeting_id, agendaItemId: r.agenda_item_id }),
    });
  });

  app.post<{ Params: { id: string } }>('/author/reports/:id/appendices', async (request, reply) => {
    const r = await ownReport(request, reply);
    if (!r) return reply;
    return postForm(request, reply, {
      schema: async (form): Promise<Parsed<{ file: UploadedFile; pageCount: number }>> => {
        const file: unknown = form.file;
        if (!isUploadedFile(file)) return { ok: false, errors: [{ field: 'file', text: 'Choose a PDF file to attach' }] };
        const check = await validateUploadedPdf(file.bytes, file.fileName);
        if (check.problems.length) return { ok: false, errors: [{ field: 'file', text: `The file ${check.problems[0].message.replace(/^"[^"]*" /, '')}` }] };
        return { ok: true, data: { file, pageCount: check.pageCount } };
      },
      fallbackField: 'appendixTitle',
      save: async ({ file, pageCount }, form) => {
        await addAppendix(store, actorOf(request.account!), r.id, { bytes: file.bytes, fileName: file.fileName, pageCount }, field(form, 'appendixTitle'));
        return `/author/reports/${r.id}?saved=1`;
      },
      rerender: (form, errors) => renderForm(reply, {
        report: r, values: { ...formValues(r.report, r.meeting_id, r.agenda_item_id), appendixTitle: field(form, 'appendixTitle') }, errors, meetingId: r.meeting_id, agendaItemId: r.agenda_item_id,
      }),
    });
  });
};

/** Report authors' pages and the clerk's review, each plugin with its own guard; uploads (appendices) are multipart. */
const author: FastifyPluginAsync<AuthorOptions> = async (app, options) => {
  acceptMultipart(app);
  await app.register(writing, options);
  await app.register(review, { store: options.store });
};

export default author;
