// Democratic Services' review of submitted reports: read it, preview it as the pack will print it, then approve
// it or return it to the author with comments. Guarded by the policy's 'approve-report'.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../../services/accounts.js';
import { getPerson, personFullName } from '../../../services/people.js';
import { approveReport, getReport, listReports, REPORT_STATUS_LABELS, reportHistory, returnReport, type ReportRow } from '../../../services/reports.js';
import type { Store } from '../../../services/unit.js';
import { requireAction } from '../../../http/guards.js';
import { field, postForm, type ErrorSummary } from '../../forms.js';
import { previewPdf, sendPdf } from './preview.js';

const review: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const db = store.db;
  app.addHook('preHandler', requireAction('approve-report'));

  async function load(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<ReportRow | null> {
    const id = Number(request.params.id);
    const r = Number.isInteger(id) ? await getReport(db, id) : null;
    if (!r) reply.code(404).render('pages/error-404.njk', { pageTitle: 'Page not found' });
    return r;
  }

  async function page(reply: FastifyReply, r: ReportRow, errors?: ErrorSummary, comments = '') {
    const author = r.author_person_id !== null ? await getPerson(db, r.author_person_id) : undefined;
    return reply.render('pages/author/review.njk', {
      pageTitle: `${errors ? 'Error: ' : ''}Review: ${r.title}`, report: r, statusLabel: REPORT_STATUS_LABELS[r.status],
      authorName: author ? personFullName(author) : null, history: await reportHistory(db, r.id), comments, breadcrumbs: [{ text: 'Reports to review', href: '/author/review' }],
      ...errors,
    });
  }

  app.get('/author/review', async (_request, reply) => {
    const [submitted, recent] = await Promise.all([listReports(db, { statuses: ['submitted'] }), listReports(db, { statuses: ['draft', 'returned', 'approved'] })]);
    const label = (s: string | null) => REPORT_STATUS_LABELS[s as keyof typeof REPORT_STATUS_LABELS] ?? s;
    return reply.render('pages/author/review-list.njk', {
      pageTitle: 'Reports to review', submitted, others: recent.slice(0, 50).map((r) => ({ ...r, statusLabel: label(r.workflow_status) })),
    });
  });

  app.get<{ Params: { id: string } }>('/author/review/:id', async (request, reply) => {
    const r = await load(request, reply);
    return r ? page(reply.header('cache-control', 'private, no-store'), r) : reply;
  });

  app.get<{ Params: { id: string } }>('/author/review/:id/preview.pdf', async (request, reply) => {
    const r = await load(request, reply);
    return r ? sendPdf(reply, await previewPdf(store, r), `${r.slug}-preview.pdf`) : reply;
  });

  app.post<{ Params: { id: string } }>('/author/review/:id/approve', async (request, reply) => {
    const r = await load(request, reply);
    if (!r) return reply;
    return postForm(request, reply, {
      fallbackField: 'decision',
      save: async () => {
        await approveReport(store, actorOf(request.account!), r.id);
        return `/author/review/${r.id}`;
      },
      rerender: (_form, errors) => page(reply, r, errors),
    });
  });

  app.post<{ Params: { id: string } }>('/author/review/:id/return', async (request, reply) => {
    const r = await load(request, reply);
    if (!r) return reply;
    return postForm(request, reply, {
      fallbackField: 'comments',
      save: async (form) => {
        await returnReport(store, actorOf(request.account!), r.id, field(form, 'comments'));
        return `/author/review/${r.id}`;
      },
      rerender: (form, errors) => page(reply, r, errors, field(form, 'comments')),
    });
  });
};

export default review;
