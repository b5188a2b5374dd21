// Atom 1.0 and RSS 2.0 feeds (the `feed` package writes the XML): published agendas and minutes of every body or
// one, decisions (all, key, by taker), each councillor, and any search. The same for every viewer (built for the
// public), so they are publicly cacheable; each page they mirror links them with <link rel="alternate">.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { rateLimitBackend } from '../../../services/rate-limits.js';
import { Feed } from 'feed';
import { ValidationError } from '../../../errors.js';
import { bodyFeed, decisionsFeed, feedBody, meetingsFeed, personFeed, searchFeed, type FeedModel } from '../../../services/feeds.js';
import { SEARCH_KINDS, type SearchKind } from '../../../services/search.js';
import type { Store } from '../../../services/unit.js';
import { dateFromParts, origin, publicCache, str, todayIso } from './http.js';

export const FEED_FORMATS = ['atom', 'rss'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

const CONTENT_TYPES: Record<FeedFormat, string> = { atom: 'application/atom+xml; charset=utf-8', rss: 'application/rss+xml; charset=utf-8' };

/** The <link rel="alternate"> pair for a page: pass as `feeds` to a view. */
export function feedLinks(path: string, title: string, query = ''): { href: string; type: string; title: string }[] {
  const qs = query ? `?${query}` : '';
  return [
    { href: `${path}.atom${qs}`, type: 'application/atom+xml', title: `${title} (Atom)` },
    { href: `${path}.rss${qs}`, type: 'application/rss+xml', title: `${title} (RSS)` },
  ];
}

/** Stable ids: a tag: URI (RFC 4151) under the site's host, the same whichever format is read. */
function tagUri(host: string, id: string): string {
  return `tag:${host.replace(/:\d+$/, '')},2024:${id}`;
}

export function renderFeed(model: FeedModel, format: FeedFormat, base: string, selfPath: string): string {
  const host = new URL(base).host;
  const selfQuery = selfPath.includes('?') ? selfPath.slice(selfPath.indexOf('?')) : '';
  const selfBase = selfPath.replace(/\.(atom|rss)(\?.*)?$/, '');
  const feed = new Feed({
    id: tagUri(host, model.id), title: model.title, description: model.description, link: `${base}${model.path}`, language: 'en-GB',
    updated: new Date(model.updated), generator: 'Moot',
    feedLinks: { atom: `${base}${selfBase}.atom${selfQuery}`, rss: `${base}${selfBase}.rss${selfQuery}` },
  });
  for (const e of model.entries) {
    feed.addItem({
      id: tagUri(host, e.id), title: e.title, link: `${base}${e.path}`, date: new Date(e.updated), published: e.published ? new Date(e.published) : undefined,
      description: e.summary, author: e.author ? [{ name: e.author }] : undefined, category: e.categories?.map((name) => ({ name, term: name })),
    });
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}

export interface FeedRouteOptions {
  store: Store;
  /** Search feed requests per minute per client address (default 60, as the search page). */
  searchRateLimitPerMinute?: number;
  /** For tests and demos: what "today" is (each decision entry says where it stands on that day). */
  today?: () => string;
}

const feeds: FastifyPluginAsync<FeedRouteOptions> = async (app, { store, searchRateLimitPerMinute, today }) => {
  await app.register(rateLimit, { global: false, ...rateLimitBackend(store) });
  const send = (request: FastifyRequest, reply: FastifyReply, model: FeedModel | null, format: FeedFormat) => {
    if (!model) return reply.callNotFound();
    publicCache(reply);
    return reply.type(CONTENT_TYPES[format]).send(renderFeed(model, format, origin(request), request.url));
  };

  for (const format of FEED_FORMATS) {
    app.get(`/meetings/feed.${format}`, async (request, reply) => send(request, reply, await meetingsFeed(store), format));

    app.get<{ Params: { slug: string } }>(`/bodies/:slug/feed.${format}`, async (request, reply) =>
      send(request, reply, await bodyFeed(store, request.params.slug), format));

    app.get<{ Querystring: Record<string, string> }>(`/decisions/feed.${format}`, async (request, reply) => {
      const q = request.query;
      if (q.key !== undefined && q.key !== '' && q.key !== 'yes' && q.key !== 'no') throw new ValidationError('key must be "yes" or "no"', 'key');
      return send(request, reply, await decisionsFeed(store, { taker: str(q.taker), key: q.key === 'yes' ? true : q.key === 'no' ? false : undefined, today: todayIso(today) }), format);
    });

    app.get<{ Params: { slug: string } }>(`/people/:slug/feed.${format}`, async (request, reply) =>
      send(request, reply, await personFeed(store, request.params.slug), format));

    app.get<{ Querystring: Record<string, string> }>(`/search/feed.${format}`, {
      config: { rateLimit: { max: searchRateLimitPerMinute ?? 60, timeWindow: '1 minute' } },
    }, async (request, reply) => {
      const q = request.query;
      const text = (str(q.q) ?? '').slice(0, 200);
      if (!text) throw new ValidationError('say what to search for: q must not be empty', 'q');
      const type = str(q.type);
      if (type && !(SEARCH_KINDS as readonly string[]).includes(type)) throw new ValidationError(`type must be one of ${SEARCH_KINDS.join(', ')}`, 'type');
      const bodySlug = str(q.body);
      const body = bodySlug ? await feedBody(store.db, bodySlug) : undefined;
      if (bodySlug && !body) throw new ValidationError(`there is no committee "${bodySlug.slice(0, 60)}"`, 'body');
      const bodyId = body?.id;
      const from = dateFromParts(q, 'from', 'The "from" date');
      const to = dateFromParts(q, 'to', 'The "to" date');
      return send(request, reply, await searchFeed(store, { text, kind: type as SearchKind | undefined, bodyId, bodySlug, from, to }), format);
    });
  }
};

export default feeds;
