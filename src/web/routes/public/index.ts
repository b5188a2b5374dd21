// The public portal: every page a resident, journalist or councillor reads without signing in. One encapsulated
// plugin so its caching hook (ETags, Cache-Control) covers exactly these routes.
import type { FastifyPluginAsync } from 'fastify';
import archive from './archive.js';
import bodies from './bodies.js';
import calendar from './calendar.js';
import cycle from './cycle.js';
import data from './data.js';
import decisions from './decisions.js';
import documents from './documents.js';
import feeds from './feeds.js';
import { addPortalFilters } from './filters.js';
import { addCaching } from './http.js';
import meetings from './meetings.js';
import openData from './open-data.js';
import { PageCache } from './page-cache.js';
import people from './people.js';
import searchRoute from './search.js';
import site from './site.js';
import { type Store } from '../../../services/unit.js';

export interface PublicPortalOptions {
  store: Store;
  today?: () => string;
  /** Search requests per minute per client address (default 60). */
  searchRateLimitPerMinute?: number;
  /** false: render every public page afresh (default: keep renders until the data change). */
  pageCache?: boolean;
}

const publicPortal: FastifyPluginAsync<PublicPortalOptions> = async (app, options) => {
  addPortalFilters(app.views);
  const { store, today } = options;
  addCaching(app, { store, today, pages: options.pageCache === false ? undefined : new PageCache() });
  await app.register(bodies, { store, today });
  await app.register(calendar, { store, today });
  await app.register(meetings, { store });
  await app.register(documents, { store });
  await app.register(openData, { store, today });
  await app.register(people, { store });
  await app.register(decisions, { store, today });
  await app.register(cycle, { store, today });
  await app.register(archive, { store });
  await app.register(site, { store });
  await app.register(data, { store });
  await app.register(searchRoute, { store, rateLimitPerMinute: options.searchRateLimitPerMinute });
  await app.register(feeds, { store, today, searchRateLimitPerMinute: options.searchRateLimitPerMinute });
};

export default publicPortal;
