// The people directory (councillors and co-opted members) and a person's page.
import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { feedLinks } from './feeds.js';
import { origin, str, tagCachedPage } from './http.js';
import { COUNCILLORS_TAG, RECORD_TAG } from '../../../services/change-scope.js';
import { peopleDirectory, personPage, registerOn } from '../../../services/people.js';
import { getPersonPhoto } from '../../../services/photos.js';
import { isIsoDate } from '../../../domain/dates.js';
import { type Store } from '../../../services/unit.js';

/** A person's page lists each committee's most recent meetings; their attendance page lists every one. */
export const RECENT_MEETINGS = 10;

const people: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get<{ Querystring: Record<string, string> }>('/people', async (request, reply) => {
    const groupParam = str(request.query.group);
    const groupId = groupParam ? Number(groupParam) : undefined;
    if (groupParam && !Number.isInteger(groupId)) throw new ValidationError(`group must be a group number, not "${groupParam.slice(0, 20)}"`, 'group');
    const dir = await peopleDirectory(store, { groupId });
    const councillors = dir.people.filter((p) => p.kind === 'councillor');
    const coOpted = dir.people.filter((p) => p.kind === 'co-opted');
    tagCachedPage(request, RECORD_TAG, COUNCILLORS_TAG); // an officer added is not listed
    return reply.render('pages/public/people.njk', {
      pageTitle: 'Councillors', canonicalUrl: `${origin(request)}/people`, councillors, coOpted, groups: dir.groups, groupId, areaLabel: dir.areaLabel,
      groupItems: [{ value: '', text: 'All groups' }, ...dir.groups.map((g) => ({ value: String(g.id), text: g.name, selected: g.id === groupId }))],
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  app.get<{ Params: { slug: string } }>('/people/:slug', async (request, reply) => {
    const page = await personPage(store, request.params.slug, request.changeCounts);
    if (!page) return reply.callNotFound();
    return reply.render('pages/public/person.njk', { pageTitle: page.person.name, canonicalUrl: `${origin(request)}/people/${page.person.slug}`, page,
      recentMeetings: RECENT_MEETINGS, feeds: feedLinks(`/people/${page.person.slug}/feed`, `${page.person.name}: meetings, votes and declarations`), alertsHref: `/alerts?person=${page.person.slug}`, alertsLabel: `about ${page.person.name}`,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Councillors', href: '/people' }] });
  });

  app.get<{ Params: { slug: string } }>('/people/:slug/attendance', async (request, reply) => {
    const page = await personPage(store, request.params.slug, request.changeCounts);
    if (!page) return reply.callNotFound();
    return reply.render('pages/public/person-attendance.njk', { pageTitle: `${page.person.name}: attendance at meetings`,
      canonicalUrl: `${origin(request)}/people/${page.person.slug}/attendance`, page,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Councillors', href: '/people' }, { text: page.person.name, href: `/people/${page.person.slug}` }] });
  });

  // The photo is served as the type the upload check found, never sniffed, with nothing it could run.
  app.get<{ Params: { slug: string } }>('/people/:slug/photo', async (request, reply) => {
    const photo = await getPersonPhoto(store.db, request.params.slug);
    if (!photo) return reply.callNotFound();
    const etag = `"${photo.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox").header('content-disposition', 'inline');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(photo.type).send(Buffer.from(photo.bytes));
  });

  // An earlier version of the register of interests: as it stood at the end of a day.
  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>('/people/:slug/interests', async (request, reply) => {
    const on = str(request.query.on);
    if (!on || !isIsoDate(on)) throw new ValidationError(`on must be a date like 2026-05-31${on ? `, not "${on.slice(0, 20)}"` : ''}`, 'on');
    const register = await registerOn(store, request.params.slug, on);
    if (!register) return reply.callNotFound();
    return reply.render('pages/public/interests-on.njk', { pageTitle: `Register of interests of ${register.person.name}`, register,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Councillors', href: '/people' }, { text: register.person.name, href: `/people/${register.person.slug}` }] });
  });
};

export default people;
