// Democratic Services' review of submitted reports: read it, preview it as the pack will print it, then approve
// it or return it to the author with comments. Guarded by the policy's 'approve-report'.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../../services/accounts.js';
import { getPerson } from '../../../services/people.js';
import { approveReport, getReport, listReports, REPORT_STATUS_LABELS, reportHistory, returnReport, type ReportRow } from '../../../services/reports.js';
import type { Store } from '../../../services/unit.js';
import { requireAction } from '../../../http/guards.js';
import { errorSummary, field, fieldErrorOf, type FieldError } from '../../forms.js';
import { previewPdf, sendPdf } from './preview.js';

const review: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const db = store.db;
  const guard = requireAction('approve-report');

  async function load(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<ReportRow | null> {
    const id = Number(request.params.id);
    const r = Number.isInteger(id) ? await getReport(db, id) : null;
    if (!r) reply.code(404).render('pages/error-404.njk', { pageTitle: 'Page not found' });
    return r;
  }

  async function page(reply: FastifyReply, r: ReportRow, errors: FieldError[] = [], comments = '') {
    if (errors.length) reply.code(400);
    const author = r.author_person_id !== null ? await getPerson(db, r.author_person_id) : undefined;
    return reply.render('pages/author/review.njk', {
      pageTitle: `${errors.length ? 'Error: ' : ''}Review: ${r.title}`, report: r, statusLabel: REPORT_STATUS_LABELS[r.status],
      author, history: await reportHistory(db, r.id), comments, breadcrumbs: [{ text: 'Reports to review', href: '/author/review' }],
      ...errorSummary(errors),
    });
  }

  app.get('/author/review', { preHandler: guard }, async (_request, reply) => {
    const [submitted, recent] = await Promise.all([listReports(db, { statuses: ['submitted'] }), listReports(db, { statuses: ['draft', 'returned', 'approved'] })]);
    const label = (s: string | null) => REPORT_STATUS_LABELS[s as keyof typeof REPORT_STATUS_LABELS] ?? s;
    return reply.render('pages/author/review-list.njk', {
      pageTitle: 'Reports to review', submitted, others: recent.slice(0, 50).map((r) => ({ ...r, statusLabel: label(r.workflow_status) })),
    });
  });

  app.get<{ Params: { id: string } }>('/author/review/:id', { preHandler: guard }, async (request, reply) => {
    const r = await load(request, reply);
    return r ? page(reply.header('cache-control', 'private, no-store'), r) : reply;
  });

  app.get<{ Params: { id: string } }>('/author/review/:id/preview.pdf', { preHandler: guard }, async (request, reply) => {
    const r = await load(request, reply);
    return r ? sendPdf(reply, await previewPdf(store, r), `${r.slug}-preview.pdf`) : reply;
  });

  app.post<{ Params: { id: string } }>('/author/review/:id/approve', { preHandler: guard }, async (request, reply) => {
    const r = await load(request, reply);
    if (!r) return reply;
    try {
      await approveReport(store, actorOf(request.account!), r.id);
    } catch (e) {
      const fe = fieldErrorOf(e, 'decision');
      if (!fe) throw e;
      return page(reply, r, [fe]);
    }
    return reply.redirect(`/author/review/${r.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/author/review/:id/return', { preHandler: guard }, async (request, reply) => {
    const r = await load(request, reply);
    if (!r) return reply;
    const comments = field(request.body, 'comments');
    try {
      await returnReport(store, actorOf(request.account!), r.id, comments);
    } catch (e) {
      const fe = fieldErrorOf(e, 'comments');
      if (!fe) throw e;
      return page(reply, r, [fe], comments);
    }
    return reply.redirect(`/author/review/${r.id}`, 303);
  });
};

export default review;
