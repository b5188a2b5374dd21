// The people directory (councillors and co-opted members) and a person's page.
import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { feedLinks } from './feeds.js';
import { origin, str } from './http.js';
import { personPage, readPeopleDirectory } from '../../../services/people.js';
import { type Store } from '../../../services/unit.js';

const people: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get<{ Querystring: Record<string, string> }>('/people', async (request, reply) => {
    const groupParam = str(request.query.group);
    const groupId = groupParam ? Number(groupParam) : undefined;
    if (groupParam && !Number.isInteger(groupId)) throw new ValidationError(`group must be a group number, not "${groupParam.slice(0, 20)}"`, 'group');
    const dir = await readPeopleDirectory(store.db, { groupId });
    const councillors = dir.people.filter((p) => p.kind === 'councillor');
    const coOpted = dir.people.filter((p) => p.kind === 'co-opted');
    return reply.render('pages/public/people.njk', {
      pageTitle: 'Councillors', canonicalUrl: `${origin(request)}/people`, councillors, coOpted, groups: dir.groups, groupId,
      groupItems: [{ value: '', text: 'All groups' }, ...dir.groups.map((g) => ({ value: String(g.id), text: g.name, selected: g.id === groupId }))],
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  app.get<{ Params: { slug: string } }>('/people/:slug', async (request, reply) => {
    const page = await personPage(store, request.params.slug);
    if (!page) return reply.callNotFound();
    return reply.render('pages/public/person.njk', { pageTitle: page.person.name, canonicalUrl: `${origin(request)}/people/${page.person.slug}`, page,
      feeds: feedLinks(`/people/${page.person.slug}/feed`, `${page.person.name}: meetings, votes and declarations`), alertsHref: `/alerts?person=${page.person.slug}`, alertsLabel: `about ${page.person.name}`,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Councillors', href: '/people' }] });
  });
};

export default people;
