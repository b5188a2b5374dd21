// The home page: a search box, upcoming meetings, the latest decisions, the key decisions coming up (from the
// forward plan) and recent meetings.
import type { FastifyPluginAsync } from 'fastify';
import { addPortalFilters } from './public/filters.js';
import { addCaching, origin, tagCachedPage, todayIso } from './public/http.js';
import { PageCache } from './public/page-cache.js';
import { RECORD_OUTLINE_TAG } from '../../services/change-scope.js';
import { latestDecisions } from '../../services/decisions.js';
import { upcomingKeyDecisions } from '../../services/executive/forward-plan.js';
import { readHome } from '../../services/meetings.js';
import { type Store } from '../../services/unit.js';

const home: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  addPortalFilters(app.views);
  addCaching(app, { store, today, pages: new PageCache(50) });
  app.get('/', async (request, reply) => {
    const now = todayIso(today);
    const [{ upcoming, recent }, decisions, keyDecisions] = await Promise.all([readHome(store.db, now), latestDecisions(store.db, request.viewer, 6), upcomingKeyDecisions(store.db, now, 5)]);
    // Meetings as listed (date, time, status, committee), decisions and the forward plan: nothing recorded at a meeting
    // (attendance, minutes, declarations), and people only as decision makers, so neither those nor a person added change it.
    tagCachedPage(request, RECORD_OUTLINE_TAG);
    return reply.render('pages/home.njk', { canonicalUrl: `${origin(request)}/`, upcoming, recent, decisions, keyDecisions });
  });
};

export default home;
