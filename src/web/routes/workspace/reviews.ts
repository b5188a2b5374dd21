// Select committee reviews: the clerk starts one (terms of reference, membership), moves it through its stages
// (scoping, evidence, final report, executive response, monitoring, closed) and records its evidence sessions.
// Once at its report stage, the clerk uploads the final report (a PDF, checked like any paper); a correction is a new
// version with its reason, the published one kept. Thin over services/executive/scrutiny.ts; every form through postForm.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { REVIEW_STAGE_LABELS, REVIEW_STAGES, type ReviewStage } from '../../../domain/executive.js';
import { listBodies } from '../../../services/bodies.js';
import { addEvidenceSession, advanceReview, attachReviewReport, reviewDetail, reviews, startReview } from '../../../services/executive/scrutiny.js';
import { acceptMultipart, isUploadedFile, type UploadedFile } from '../../../http/multipart.js';
import { todayOf, type WorkspaceOptions } from './common.js';
import { actor, dateOf, dateParts, isoDate, optionalText, paramId, parseForm, postForm, requiredText, str, type FieldError, type Form, type Parsed } from './form.js';
import { MAX_PAPER_BYTES } from './papers.js';

/** A form with its date boxes read into one ISO field each. */
const withDates = <S extends z.ZodType>(names: string[], schema: S) =>
  z.preprocess((f) => ({ ...(f as object), ...Object.fromEntries(names.map((n) => [n, dateOf(f as Record<string, unknown>, n)])) }), schema);
const partsOf = (form: Record<string, unknown>, name: string) => ({ day: str(form, `${name}-day`), month: str(form, `${name}-month`), year: str(form, `${name}-year`) });

/** Members, one a line: "Mr J Smith, Chairman" (the role after the last comma; Member when none). */
export function reviewMembers(text: string) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const i = l.lastIndexOf(',');
    return i > 0 ? { name: l.slice(0, i).trim(), role: l.slice(i + 1).trim() || 'Member' } : { name: l, role: 'Member' };
  });
}

const startSchema = withDates(['startedOn'], z.object({
  title: requiredText('Enter the title of the review', 300),
  bodyId: z.string().optional(),
  termsOfReference: requiredText('Enter the terms of reference', 20000),
  startedOn: isoDate('date the review started'),
  members: requiredText('Enter the members of the select committee, one a line', 5000),
}));
const stageSchema = withDates(['on'], z.object({
  to: z.enum(REVIEW_STAGES, { error: 'Choose the next stage' }),
  on: isoDate('date of the change'),
  note: optionalText('Note', 2000),
  reportSummary: optionalText('Summary of the final report', 20000),
  response: optionalText('The executive\u2019s response', 20000),
}));
const sessionSchema = withDates(['on'], z.object({
  on: isoDate('date of the session'),
  title: requiredText('Enter the subject of the session', 300),
  witnesses: optionalText('Witnesses', 2000),
  notes: optionalText('Notes', 20000),
}));

const reportSchema = z.object({
  title: optionalText('Title of the report', 300),
  note: optionalText('What the new version corrects or changes', 500),
  classification: z.enum(['unrestricted', 'exempt']).catch('unrestricted'),
  // "3" or "3, 5": the service says which paragraphs are wanted and that they are 1 to 7.
  exemptParagraphs: z.string().optional().transform((t, ctx) => {
    const words = (t ?? '').split(/[\s,]+/).filter(Boolean);
    if (words.some((w) => !/^\d+$/.test(w))) ctx.addIssue({ code: 'custom', message: 'Enter the paragraph numbers of Schedule 12A, for example 3 or 3, 5' });
    return words.map(Number);
  }),
});

/** The report upload form: its typed fields and a PDF within the paper size limit (the service checks the PDF itself). */
function readReport(form: Form): Parsed<z.infer<typeof reportSchema> & { file: UploadedFile }> {
  const typed = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'));
  const parsed = parseForm(reportSchema, typed);
  const errors: FieldError[] = parsed.ok ? [] : [...parsed.errors];
  const file = (form as Record<string, unknown>).file;
  if (!isUploadedFile(file)) errors.push({ field: 'file', text: 'Select the final report (a PDF) to upload' });
  else if (file.bytes.byteLength > MAX_PAPER_BYTES) errors.push({ field: 'file', text: `"${file.fileName}" is ${(file.bytes.byteLength / 1048576).toFixed(1)} MB; the largest report accepted is 20 MB` });
  else if (!/\.pdf$/i.test(file.fileName)) errors.push({ field: 'file', text: `"${file.fileName}" is not a PDF: the file name must end in .pdf` });
  return parsed.ok && !errors.length && isUploadedFile(file) ? { ok: true, data: { ...parsed.data, file } } : { ok: false, errors };
}

const reviewRoutes: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const db = options.store.db;
  // The final report is uploaded as multipart/form-data (headroom over the file limit for the other fields).
  acceptMultipart(app, MAX_PAPER_BYTES + 1024 * 1024);
  const today = () => todayOf(options);

  const listPage = async (extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Select committee reviews', reviews: await reviews(db), stageLabels: REVIEW_STAGE_LABELS, startedOn: dateParts(today()), values: {},
    bodyItems: [{ value: '', text: 'None (a task and finish group of its own)' }, ...(await listBodies(db)).map((b) => ({ value: String(b.id), text: b.name }))], ...extra,
  });
  app.get('/workspace/reviews', async (_request, reply) => reply.render('pages/workspace/reviews.njk', await listPage()));
  app.post('/workspace/reviews', (request, reply) => postForm(request, reply, {
    schema: startSchema, fallbackField: 'title', dateFields: ['startedOn'],
    save: async (d) => {
      const r = await startReview(db, actor(request), { title: d.title, bodyId: d.bodyId ? Number(d.bodyId) : null, termsOfReference: d.termsOfReference, startedOn: d.startedOn, members: reviewMembers(d.members) });
      return `/workspace/reviews/${r.id}?started=1`;
    },
    rerender: async (form, errors) => reply.render('pages/workspace/reviews.njk', await listPage({ pageTitle: 'Error: Select committee reviews', values: form, startedOn: partsOf(form, 'startedOn'), ...errors })),
  }));

  const detailPage = async (id: number, extra: Record<string, unknown> = {}) => {
    const detail = await reviewDetail(db, id);
    if (!detail) return null;
    const i = REVIEW_STAGES.indexOf(detail.review.stage as ReviewStage);
    const next = i >= 0 && i + 1 < REVIEW_STAGES.length ? REVIEW_STAGES[i + 1] : null;
    return { pageTitle: `Review: ${detail.review.title}`, ...detail, stageLabels: REVIEW_STAGE_LABELS, next, on: dateParts(today()), sessionOn: dateParts(today()), values: {}, ...extra };
  };
  app.get('/workspace/reviews/:id', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const ctx = await detailPage(paramId(request) ?? 0, {
      notice: q.started ? 'Review started' : q.stage ? 'Stage recorded' : q.session ? 'Evidence session added' : q.report ? `Final report published${Number(q.report) > 1 ? ` as version ${Number(q.report)}` : ''}` : null,
    });
    return ctx ? reply.render('pages/workspace/review.njk', ctx) : reply.callNotFound();
  });
  app.post('/workspace/reviews/:id/stage', async (request, reply) => {
    const id = paramId(request) ?? 0;
    if (!(await reviewDetail(db, id))) return reply.callNotFound();
    return postForm(request, reply, {
      schema: stageSchema, fallbackField: 'to', dateFields: ['on'],
      save: async (d) => {
        await advanceReview(db, actor(request), id, { to: d.to, on: d.on, note: d.note, reportSummary: d.reportSummary, response: d.response });
        return `/workspace/reviews/${id}?stage=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/review.njk', (await detailPage(id, { values: form, on: partsOf(form, 'on'), ...errors }))!),
    });
  });
  app.post('/workspace/reviews/:id/sessions', async (request, reply) => {
    const id = paramId(request) ?? 0;
    if (!(await reviewDetail(db, id))) return reply.callNotFound();
    return postForm(request, reply, {
      schema: sessionSchema, fallbackField: 'title', dateFields: ['on'],
      save: async (d) => {
        await addEvidenceSession(db, actor(request), id, { on: d.on, title: d.title, witnesses: d.witnesses, notes: d.notes });
        return `/workspace/reviews/${id}?session=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/review.njk', (await detailPage(id, { sessionValues: form, sessionOn: partsOf(form, 'on'), ...sessionErrors(errors) }))!),
    });
  });
  app.post('/workspace/reviews/:id/report', async (request, reply) => {
    const id = paramId(request) ?? 0;
    if (!(await reviewDetail(db, id))) return reply.callNotFound();
    return postForm(request, reply, {
      schema: readReport, fallbackField: 'file',
      save: async (d) => {
        const r = await attachReviewReport(db, actor(request), id, { fileName: d.file.fileName, bytes: d.file.bytes, title: d.title, note: d.note,
          classification: d.classification, exemptParagraphs: d.classification === 'exempt' ? d.exemptParagraphs : [] });
        return `/workspace/reviews/${id}?report=${r.version}`;
      },
      rerender: async (form, errors) => {
        const typed = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'));
        return reply.render('pages/workspace/review.njk', (await detailPage(id, { reportValues: typed, ...prefixed(errors, 'report', ['file', 'title', 'note', 'stage', 'classification', 'exemptParagraphs']) }))!);
      },
    });
  });
};

/** A second form's errors on the page, its fields' ids prefixed (the stage form has its own date and note). */
function prefixed(e: { errorList: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> }, prefix: string, fields: string[]) {
  return {
    errorList: e.errorList.map((x) => ({ text: x.text, href: fields.includes(x.href.slice(1)) ? `#${prefix}-${x.href.slice(1)}` : x.href })),
    [`${prefix}Errors`]: e.fieldErrors,
  };
}

/** The session form's fields are prefixed "session-" on the page (the stage form has its own date and notes). */
function sessionErrors(e: { errorList: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> }) {
  return {
    errorList: e.errorList.map((x) => ({ text: x.text, href: x.href.replace(/^#on-day$/, '#sessionOn-day').replace(/^#(title|witnesses|notes)$/, '#session-$1') })),
    sessionErrors: e.fieldErrors,
  };
}

export default reviewRoutes;
