// Committees by kind, and a committee's page.
import type { FastifyPluginAsync } from 'fastify';
import { feedLinks } from './feeds.js';
import { origin, tagCachedPage, todayIso } from './http.js';
import { readBodiesByKind, readBodyPage } from '../../../services/bodies.js';
import { RECORD_OUTLINE_TAG } from '../../../services/change-scope.js';
import { publishedReviews } from '../../../services/executive/scrutiny.js';
import { versionedRead } from '../../../services/read-cache.js';
import { type Store } from '../../../services/unit.js';

const bodies: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  app.get('/bodies', async (request, reply) => {
    const groups = await readBodiesByKind(store.db);
    tagCachedPage(request, RECORD_OUTLINE_TAG); // the bodies' names, kinds and purposes
    return reply.render('pages/public/bodies.njk', { pageTitle: 'Committees', canonicalUrl: `${origin(request)}/bodies`, groups,
      breadcrumbs: [{ text: 'Home', href: '/' }] });
  });

  app.get<{ Params: { slug: string } }>('/bodies/:slug', async (request, reply) => {
    // The committee's page and the select committee reviews it appointed (a review's record is public from its
    // start), read together once per data version: neither depends on the viewer, and no person added is in either.
    // A signed-in request's counters, read with its session, serve (issue 17).
    const day = todayIso(today);
    const read = await versionedRead(store, `body-page:${request.params.slug}:${day}`, async () => {
      const page = await readBodyPage(store.db, request.params.slug, day);
      return page ? { page, reviews: await publishedReviews(store.db, { bodyId: page.body.id }) } : null;
    }, { tags: [RECORD_OUTLINE_TAG], counts: request.changeCounts });
    if (!read) return reply.callNotFound();
    const { page, reviews } = read;
    // People appear as members (and by their seats): a person added is nobody's member yet. Its meetings are listed
    // by date, venue and status: what a clerk records at one (attendance, minutes, declarations) is not on it.
    tagCachedPage(request, RECORD_OUTLINE_TAG);
    return reply.render('pages/public/body.njk', { pageTitle: page.body.name, canonicalUrl: `${origin(request)}/bodies/${page.body.slug}`, page, reviews,
      feeds: feedLinks(`/bodies/${page.body.slug}/feed`, `${page.body.name}: agendas and minutes`), alertsHref: `/alerts?body=${page.body.slug}`, alertsLabel: `about ${page.body.name}`,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Committees', href: '/bodies' }] });
  });
};

export default bodies;
