// Memberships of a body: added with a role and start date, ended with a date. Ended memberships stay as history;
// substitutes are members with the role "Substitute".
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { MEMBERSHIP_ROLES, membershipRoleLabel } from '../../../domain/types.js';
import { selectItems, todayOf, type WorkspaceOptions } from './common.js';
import { actor, choice, dateOf, dateParts, idOf, isoDate, optionalText, paramId, parseForm, postForm, str } from './form.js';
import { changeMembershipPortfolio, endMembershipOn, getBody, getMembership, joinBody } from '../../../services/bodies.js';
import { listGroups, listPeople, personDisplayName } from '../../../services/people.js';

const addSchema = z.object({
  personId: idOf('Select the person joining the body'),
  role: choice(MEMBERSHIP_ROLES, 'Select the member\'s role'),
  groupId: z.string().optional().transform((s) => (s ? Number(s) : null)),
  coOptedCategory: optionalText('Co-opted category', 100),
  votingNote: optionalText('Voting note', 200),
  portfolio: optionalText('The Cabinet portfolio', 200),
  startsOn: isoDate('start date'),
});

const endSchema = z.object({ endsOn: isoDate('end date') });
const portfolioSchema = z.object({ portfolio: optionalText('The Cabinet portfolio', 200), fromDate: isoDate('date the new portfolio is held from') });

const memberships: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  const addContext = async (body: { id: number; name: string; kind: string }, values: Record<string, unknown>) => {
    const people = await listPeople(store.db);
    return {
      body, values, startsOn: dateParts(values.startsOn as string),
      personItems: selectItems(people.map((p) => ({ value: p.id, text: `${personDisplayName(p)}${p.group_name ? ` (${p.group_name})` : ''}` })), values.personId as string, 'Choose a person'),
      groupItems: selectItems((await listGroups(store.db)).map((g) => ({ value: g.id, text: g.name })), values.groupId as string, 'The person\'s own group'),
      roleItems: MEMBERSHIP_ROLES.map((r) => ({ value: r, text: membershipRoleLabel(r, body.kind), checked: values.role === r })),
    };
  };

  app.get('/workspace/bodies/:id/members/new', async (request, reply) => {
    const id = paramId(request);
    const body = id ? await getBody(store.db, id) : undefined;
    if (!body) return reply.callNotFound();
    return reply.render('pages/workspace/membership-form.njk', { pageTitle: `Add a member to ${body.name}`, ...(await addContext(body, { role: 'member', startsOn: todayOf(options) })) });
  });

  app.post('/workspace/bodies/:id/members/new', async (request, reply) => {
    const id = paramId(request);
    const body = id ? await getBody(store.db, id) : undefined;
    if (!body) return reply.callNotFound();
    return postForm(request, reply, {
      schema: (form) => parseForm(addSchema, { ...form, startsOn: dateOf(form, 'startsOn') }),
      fallbackField: 'personId',
      dateFields: ['startsOn'],
      save: async (data) => {
        await joinBody(store, actor(request), body.id, data);
        return `/workspace/bodies/${body.id}?saved=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/membership-form.njk', { pageTitle: `Error: Add a member to ${body.name}`, ...(await addContext(body, { ...form, startsOn: dateOf(form, 'startsOn') })), ...errors }),
    });
  });

  const membershipOf = (id: number | null) => (id ? getMembership(store.db, id) : Promise.resolve(undefined));

  app.get('/workspace/memberships/:id/end', async (request, reply) => {
    const m = await membershipOf(paramId(request));
    if (!m) return reply.callNotFound();
    return reply.render('pages/workspace/membership-end.njk', { pageTitle: 'End a membership', m, name: personDisplayName(m), endsOn: dateParts(todayOf(options)) });
  });

  app.post('/workspace/memberships/:id/end', async (request, reply) => {
    const m = await membershipOf(paramId(request));
    if (!m) return reply.callNotFound();
    return postForm(request, reply, {
      schema: (form) => parseForm(endSchema, { endsOn: dateOf(form, 'endsOn') }),
      fallbackField: 'endsOn',
      dateFields: ['endsOn'],
      save: async (data) => {
        await endMembershipOn(store, actor(request), m.id, data.endsOn);
        return `/workspace/bodies/${m.body_id}?saved=1`;
      },
      rerender: (form, errors) => reply.render('pages/workspace/membership-end.njk', {
        pageTitle: 'Error: End a membership', m, name: personDisplayName(m),
        endsOn: { day: str(form, 'endsOn-day'), month: str(form, 'endsOn-month'), year: str(form, 'endsOn-year') }, ...errors,
      }),
    });
  });

  // A Cabinet member's portfolio changes without ending the membership; the old one stays in the history.
  const portfolioPage = (m: NonNullable<Awaited<ReturnType<typeof membershipOf>>>, values: Record<string, unknown>, fromDate: { day: string; month: string; year: string }, extra: Record<string, unknown> = {}) =>
    ({ pageTitle: `${extra.errorList ? 'Error: ' : ''}Change a Cabinet portfolio`, m, name: personDisplayName(m), values, fromDate, ...extra });

  app.get('/workspace/memberships/:id/portfolio', async (request, reply) => {
    const m = await membershipOf(paramId(request));
    if (!m || m.ends_on) return reply.callNotFound();
    return reply.render('pages/workspace/membership-portfolio.njk', portfolioPage(m, { portfolio: m.portfolio ?? '' }, dateParts(todayOf(options))));
  });

  app.post('/workspace/memberships/:id/portfolio', async (request, reply) => {
    const m = await membershipOf(paramId(request));
    if (!m) return reply.callNotFound();
    return postForm(request, reply, {
      schema: (form) => parseForm(portfolioSchema, { portfolio: str(form, 'portfolio'), fromDate: dateOf(form, 'fromDate') }),
      fallbackField: 'portfolio',
      dateFields: ['fromDate'],
      save: async (data) => {
        await changeMembershipPortfolio(store, actor(request), m.id, data.portfolio ?? null, data.fromDate);
        return `/workspace/bodies/${m.body_id}?saved=1`;
      },
      rerender: (form, errors) => reply.render('pages/workspace/membership-portfolio.njk', portfolioPage(m, { portfolio: str(form, 'portfolio') },
        { day: str(form, 'fromDate-day'), month: str(form, 'fromDate-month'), year: str(form, 'fromDate-year') }, errors)),
    });
  });
};

export default memberships;
