// Select committee reviews: the clerk starts one (terms of reference, membership), moves it through its stages
// (scoping, evidence, final report, executive response, monitoring, closed) and records its evidence sessions.
// Thin over services/executive/scrutiny.ts; every form through postForm.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { REVIEW_STAGE_LABELS, REVIEW_STAGES, type ReviewStage } from '../../../domain/executive.js';
import { listBodies } from '../../../services/bodies.js';
import { addEvidenceSession, advanceReview, reviewDetail, reviews, startReview } from '../../../services/executive/scrutiny.js';
import { todayOf, type WorkspaceOptions } from './common.js';
import { actor, dateOf, dateParts, isoDate, optionalText, paramId, postForm, requiredText, str } from './form.js';

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

const reviewRoutes: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const db = options.store.db;
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
    const ctx = await detailPage(paramId(request) ?? 0, { notice: q.started ? 'Review started' : q.stage ? 'Stage recorded' : q.session ? 'Evidence session added' : null });
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
};

/** The session form's fields are prefixed "session-" on the page (the stage form has its own date and notes). */
function sessionErrors(e: { errorList: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> }) {
  return {
    errorList: e.errorList.map((x) => ({ text: x.text, href: x.href.replace(/^#on-day$/, '#sessionOn-day').replace(/^#(title|witnesses|notes)$/, '#session-$1') })),
    sessionErrors: e.fieldErrors,
  };
}

export default reviewRoutes;
