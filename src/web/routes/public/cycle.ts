// Public pages of the executive cycle: the forward plan (the current edition and every earlier one), the notices of
// meetings in private (28 days' intention, 5 days' reasons and representations), the scrutiny
// follow-up schedule, select committee reviews, and each body's work programme. What is shown is what was published; exempt matters only
// to those the one visibility rule entitles.
import type { FastifyPluginAsync } from 'fastify';
import { FORWARD_PLAN_STATUS_LABELS } from '../../../domain/executive.js';
import type { Store } from '../../../services/unit.js';
import { getBody } from '../../../services/bodies.js';
import { privateMeetingNotices, readForwardPlan } from '../../../services/executive/forward-plan.js';
import { followUpSchedule, publishedReview, publishedReviews, workProgramme } from '../../../services/executive/scrutiny.js';
import { todayIso } from './http.js';

const cycle: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  const db = store.db;
  const plan = async (edition: number | undefined) => readForwardPlan(db, { kind: 'public' }, edition);

  app.get('/forward-plan', async (request, reply) => {
    const p = await plan(undefined);
    return reply.render('pages/public/forward-plan.njk', { pageTitle: 'Forward plan: notice of key decisions', p, statusLabels: FORWARD_PLAN_STATUS_LABELS, breadcrumbs: [{ text: 'Home', href: '/' }] });
  });
  app.get<{ Params: { n: string } }>('/forward-plan/editions/:n', async (request, reply) => {
    const n = /^\d+$/.test(request.params.n) ? Number(request.params.n) : 0;
    const p = await plan(n);
    if (!p.edition || p.edition.edition !== n) return reply.callNotFound();
    return reply.render('pages/public/forward-plan.njk', { pageTitle: `Forward plan: edition ${n}`, p, statusLabels: FORWARD_PLAN_STATUS_LABELS, breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Forward plan', href: '/forward-plan' }] });
  });
  app.get('/forward-plan/private-meetings', async (_request, reply) =>
    reply.render('pages/public/private-meetings.njk', { pageTitle: 'Notices of meetings in private', notices: await privateMeetingNotices(db), statusLabels: FORWARD_PLAN_STATUS_LABELS,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Forward plan', href: '/forward-plan' }] }));
  app.get('/reviews', async (_request, reply) =>
    reply.render('pages/public/reviews.njk', { pageTitle: 'Select committee reviews', reviews: await publishedReviews(db), breadcrumbs: [{ text: 'Home', href: '/' }] }));
  app.get<{ Params: { slug: string } }>('/reviews/:slug', async (request, reply) => {
    const review = await publishedReview(db, request.params.slug, request.viewer);
    if (!review) return reply.callNotFound();
    return reply.render('pages/public/review.njk', { pageTitle: review.title, review, breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Select committee reviews', href: '/reviews' }] });
  });
  app.get('/follow-up', async (request, reply) => {
    const entries = await followUpSchedule(db, request.viewer, null, todayIso(today));
    return reply.render('pages/public/follow-up.njk', { pageTitle: 'Scrutiny follow-up schedule', entries, breadcrumbs: [{ text: 'Home', href: '/' }] });
  });
  app.get<{ Params: { slug: string } }>('/bodies/:slug/work-programme', async (request, reply) => {
    const body = await getBody(db, request.params.slug);
    if (!body) return reply.callNotFound();
    const wp = await workProgramme(db, body.id, todayIso(today));
    return reply.render('pages/public/work-programme.njk', { pageTitle: `Work programme: ${body.name}`, body, wp, breadcrumbs: [{ text: 'Home', href: '/' }, { text: body.name, href: `/bodies/${body.slug}` }] });
  });
};

export default cycle;
