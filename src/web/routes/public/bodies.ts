// Committees by kind, and a committee's page.
import type { FastifyPluginAsync } from 'fastify';
import { feedLinks } from './feeds.js';
import { origin, tagCachedPage, todayIso } from './http.js';
import { bodyPage, readBodiesByKind } from '../../../services/bodies.js';
import { RECORD_TAG } from '../../../services/change-scope.js';
import { publishedReviews } from '../../../services/executive/scrutiny.js';
import { type Store } from '../../../services/unit.js';

const bodies: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  app.get('/bodies', async (request, reply) => {
    const groups = await readBodiesByKind(store.db);
    tagCachedPage(request, RECORD_TAG);
    return reply.render('pages/public/bodies.njk', { pageTitle: 'Committees', canonicalUrl: `${origin(request)}/bodies`, groups,
      breadcrumbs: [{ text: 'Home', href: '/' }] });
  });

  app.get<{ Params: { slug: string } }>('/bodies/:slug', async (request, reply) => {
    const page = await bodyPage(store, request.params.slug, todayIso(today));
    if (!page) return reply.callNotFound();
    // People appear as members (and by their seats): a person added is nobody's member yet.
    tagCachedPage(request, RECORD_TAG);
    // The select committee reviews the body appointed (a review's record is public from its start).
    const reviews = await publishedReviews(store.db, { bodyId: page.body.id });
    return reply.render('pages/public/body.njk', { pageTitle: page.body.name, canonicalUrl: `${origin(request)}/bodies/${page.body.slug}`, page, reviews,
      feeds: feedLinks(`/bodies/${page.body.slug}/feed`, `${page.body.name}: agendas and minutes`), alertsHref: `/alerts?body=${page.body.slug}`, alertsLabel: `about ${page.body.name}`,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Committees', href: '/bodies' }] });
  });
};

export default bodies;
