// The search page: papers (to the page), agenda items, minutes, decisions and people, with filters, ranked hits,
// highlighted snippets and pagination. Rate-limited: this is the one route that does real work per request.
import type { FastifyPluginAsync } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { rateLimitBackend } from '../../../services/rate-limits.js';
import { ValidationError } from '../../../errors.js';
import type { Store } from '../../../services/unit.js';
import { searchAs, SEARCH_KINDS, SEARCH_SORTS, type SearchKind, type SearchSort } from '../../../services/search.js';
import { feedLinks } from './feeds.js';
import { dateFromParts, origin, pageParam, pagination, str, withQuery } from './http.js';
import { bodyOptions } from '../../../services/meetings.js';
import { versionedRead } from '../../../services/read-cache.js';

export const KIND_LABELS: Record<SearchKind, string> = {
  page: 'Papers', item: 'Agenda items', minute: 'Minutes', decision: 'Decisions', person: 'Councillors', meeting: 'Meetings', review: 'Select committee reviews',
};
const HIT_LABELS: Record<SearchKind, string> = { page: 'Paper', item: 'Agenda item', minute: 'Minutes', decision: 'Decision', person: 'Person', meeting: 'Meeting', review: 'Select committee review' };

const PER_PAGE = 10;

export interface SearchRouteOptions {
  store: Store;
  /** Requests per minute per client address. */
  rateLimitPerMinute?: number;
}

const searchRoute: FastifyPluginAsync<SearchRouteOptions> = async (app, { store, rateLimitPerMinute }) => {
  await app.register(rateLimit, { global: false, ...rateLimitBackend(store) });
  // Rendered filter forms by their inputs (committee names included, so a renamed committee renders afresh). The
  // committees are read once per data version and named in the key by their JSON, made once per list.
  const filterCache = new Map<string, string>();
  const committeesKey = new WeakMap<object, string>();
  // The public's results page depends only on the query and the record, so it shares the page cache (bounded, LRU,
  // emptied when the record changes): a popular search is rendered once. Signed-in viewers always search afresh.
  app.get<{ Querystring: Record<string, string> }>('/search', {
    config: { rateLimit: { max: rateLimitPerMinute ?? 60, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const q = request.query;
    const text = (str(q.q) ?? '').slice(0, 200);
    const type = str(q.type);
    const sort = str(q.sort);
    if (sort && !(SEARCH_SORTS as readonly string[]).includes(sort)) throw new ValidationError(`sort must be ${SEARCH_SORTS.join(' or ')}`, 'sort');
    if (type && !(SEARCH_KINDS as readonly string[]).includes(type)) throw new ValidationError(`type must be one of ${SEARCH_KINDS.join(', ')}`, 'type');
    const bodySlug = str(q.body);
    const from = dateFromParts(q, 'from', 'The "from" date');
    const to = dateFromParts(q, 'to', 'The "to" date');
    const page = pageParam(q.page);
    // The search first, its committee given by slug (found in the search's statement), then the committee list: on
    // PostgreSQL the search's statement also reads the change counters the list is kept by, so the request sends no
    // statement of its own for them (issue 17). A slug no committee has finds nothing, and is refused below.
    let results = null;
    if (text) {
      results = await searchAs(store, request.viewer, {
        text, kinds: type ? [type as SearchKind] : undefined, bodySlugs: bodySlug ? [bodySlug] : undefined, from, to, sort: sort as SearchSort | undefined,
        limit: PER_PAGE, offset: (page - 1) * PER_PAGE,
      });
    }
    const bodies = await versionedRead(store, 'search:committees', () => bodyOptions(store.db), { counts: results?.counts });
    if (bodySlug && !bodies.some((b) => b.slug === bodySlug)) throw new ValidationError(`there is no committee "${bodySlug.slice(0, 60)}"`, 'body');
    const filters = { q: text || undefined, sort, type, body: bodySlug, from, to };
    const pages = results ? Math.min(Math.ceil(results.total / PER_PAGE), Math.floor(10_000 / PER_PAGE)) : 0;
    const parts = (iso: string | undefined) => {
      const [y, m, d] = iso ? iso.split('-') : ['', '', ''];
      return [{ name: 'day', value: d, classes: 'govuk-input--width-2' }, { name: 'month', value: m, classes: 'govuk-input--width-2' }, { name: 'year', value: y, classes: 'govuk-input--width-4' }];
    };
    let committees = committeesKey.get(bodies);
    if (committees === undefined) committeesKey.set(bodies, (committees = JSON.stringify(bodies)));
    const filterKey = `${JSON.stringify([sort, type, bodySlug, from, to])}${committees}`;
    let filtersHtml = filterCache.get(filterKey);
    if (filtersHtml === undefined) {
      filtersHtml = app.views.render('partials/search-filters.njk', {
        sortItems: [{ value: '', text: 'Best match', selected: !sort }, { value: 'date', text: 'Newest first', selected: sort === 'date' }],
        typeItems: [{ value: '', text: 'Everything' }, ...SEARCH_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], selected: k === type }))],
        bodyItems: [{ value: '', text: 'All committees' }, ...bodies.map((b) => ({ value: b.slug, text: b.name, selected: b.slug === bodySlug }))],
        fromItems: parts(from), toItems: parts(to),
      });
      if (filterCache.size >= 500) filterCache.delete(filterCache.keys().next().value as string);
      filterCache.set(filterKey, filtersHtml);
    }
    return reply.render('pages/public/search.njk', {
      filtersHtml,
      pageTitle: text ? `Search results for “${text}”${page > 1 ? ` (page ${page})` : ''}` : 'Search',
      canonicalUrl: `${origin(request)}${withQuery('/search', { ...filters, page: page > 1 ? page : undefined })}`,
      // The page shows the total and the hits (below); it is a plain function (render/pages/search.ts) unless the
      // theme has templates of its own, when passing the results whole as well would make the render memo's key
      // (views.ts) serialise and hash every hit twice.
      text, results: results ? { total: results.total } : null, page, pages,
      alertsHref: text ? `/alerts?${new URLSearchParams(Object.entries({ q: text, type, body: bodySlug }).filter((e): e is [string, string] => !!e[1])).toString()}` : undefined, alertsLabel: 'for this search',
      feeds: text ? feedLinks('/search/feed', `Search: ${text}`, new URLSearchParams(Object.entries({ q: text, type, body: bodySlug, from, to }).filter((e): e is [string, string] => !!e[1])).toString()) : undefined,
      hits: results?.hits.map((h) => ({ ...h, label: HIT_LABELS[h.kind] ?? h.kind })) ?? [],
      pagination: pagination(page, pages, (p) => withQuery('/search', { ...filters, page: p })),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });
};

export default searchRoute;
