// The standing record through the API, by the services the workspace's forms call: a body's details and its seats
// by political group, political groups, a person's details, and ending a membership. Democratic Services only
// ('manage-record', checked before the body is read); each request is one transaction, audited by the store.
// Changes are PATCH: the fields sent replace the record's, the others stay (null clears an optional one).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AGENDA_STYLES, BODY_KINDS, PERSON_KINDS, type Actor, type AgendaStyle, type BodyKind, type PersonKind } from '../domain/types.js';
import { requireAction } from '../http/guards.js';
import { actorOf } from '../services/accounts.js';
import { allocateSeats, changeMembershipPortfolio, endMembershipOn, getBody, getMembership, getSeats, updateBody } from '../services/bodies.js';
import { addGroup, getGroup, getPerson, listGroups, updateGroup, updatePerson } from '../services/people.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { readResponses, writeResponses } from './schemas.js';
import { changedText, idParams, isoDate, optionalText, requiredText, slugParam, zodRoute } from './zod.js';

const portfolioBody = z.strictObject({
  portfolio: optionalText(200).describe('The new portfolio; null or blank for none'),
  fromDate: isoDate.describe('The date the new portfolio is held from (not before the membership began)'),
});

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const actor = (request: FastifyRequest): Actor => actorOf(request.account!);

const bodyChanges = z.strictObject({
  name: requiredText(200).optional(),
  kind: z.enum(BODY_KINDS).optional(),
  size: z.number().int().min(1).max(500).nullable().optional().describe('Seats on the body; null for no fixed number'),
  agendaStyle: z.enum(AGENDA_STYLES).optional(),
  purpose: changedText(2000),
});

const seatsBody = z.strictObject({
  seats: z.array(z.strictObject({ groupId: z.number().int().positive(), seats: z.number().int().min(0).max(500) })).max(100)
    .describe('Every group\u2019s seats (the allocation is replaced; groups left out hold none)'),
});

const groupBody = z.strictObject({ name: requiredText(120), shortName: optionalText(30) });
const groupChanges = z.strictObject({ name: requiredText(120).optional(), shortName: changedText(30) });

const personChanges = z.strictObject({
  title: changedText(20), forenames: changedText(100), initials: changedText(20), surname: requiredText(100).optional(), postNominals: changedText(50),
  kind: z.enum(PERSON_KINDS).optional(), groupId: z.number().int().positive().nullable().optional(), jobTitle: changedText(200), division: changedText(200),
  email: z.email().max(200).nullable().optional(), phone: changedText(50),
  address: z.string().max(800).nullable().optional().describe('The postal address, lines separated by newlines'),
});

const endBody = z.strictObject({ endsOn: isoDate.describe('The last day of the membership (not before it started)') });

/** A value sent replaces the record's (null clears it; the schema reads a blank text as null); undefined keeps it. */
const keep = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);

const registry: FastifyPluginAsync<ApiRouteOptions> = async (app, { store }) => {
  const guard = requireAction('manage-record');
  const db = store.db;

  app.patch<{ Params: { slug: string }; Body: z.output<typeof bodyChanges> }>('/v1/bodies/:slug', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: bodyChanges }, { tags: ['bodies'], summary: 'Change a body\u2019s name, kind, size, agenda numbering or purpose', security: bearer, response: writeResponses('The body', 200) }),
  }, async (request, reply) => {
    const body = await getBody(db, request.params.slug);
    if (!body) return notFound(reply, `The body "${request.params.slug}"`);
    const c = request.body;
    await updateBody(store, actor(request), body.id, {
      name: keep(c.name, body.name), kind: keep(c.kind, body.kind as BodyKind), size: keep(c.size, body.size), agendaStyle: keep(c.agendaStyle, body.agenda_style as AgendaStyle), purpose: keep(c.purpose, body.purpose),
    });
    const after = (await getBody(db, body.id))!;
    return { id: after.id, slug: after.slug, name: after.name, kind: after.kind, size: after.size, agendaStyle: after.agenda_style, purpose: after.purpose, url: `/api/v1/bodies/${after.slug}` };
  });

  app.put<{ Params: { slug: string }; Body: z.output<typeof seatsBody> }>('/v1/bodies/:slug/seats', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: seatsBody }, { tags: ['bodies'], summary: 'Set a body\u2019s seats by political group (no more than the body\u2019s size)', security: bearer, response: writeResponses('The seats', 200) }),
  }, async (request, reply) => {
    const body = await getBody(db, request.params.slug);
    if (!body) return notFound(reply, `The body "${request.params.slug}"`);
    await allocateSeats(store, actor(request), body.id, request.body.seats);
    const seats = await getSeats(db, body.id);
    return { size: body.size, total: seats.reduce((n, s) => n + s.seats, 0), seats: seats.map((s) => ({ groupId: s.group_id, group: s.group_name, seats: s.seats })) };
  });

  app.get('/v1/groups', {
    schema: { tags: ['people'], summary: 'Political groups', security: [{}, { bearerAuth: [] }], response: readResponses('The political groups') },
  }, async () => ({ items: (await listGroups(db)).map((g) => ({ id: g.id, name: g.name, shortName: g.short_name })) }));

  app.post<{ Body: z.output<typeof groupBody> }>('/v1/groups', {
    preValidation: guard, ...zodRoute({ body: groupBody }, { tags: ['people'], summary: 'Add a political group', security: bearer, response: writeResponses('The new group') }),
  }, async (request, reply) => {
    const id = await addGroup(store, actor(request), request.body);
    reply.code(201);
    return { id, name: request.body.name, shortName: request.body.shortName };
  });

  app.patch<{ Params: { id: number }; Body: z.output<typeof groupChanges> }>('/v1/groups/:id', {
    preValidation: guard, ...zodRoute({ params: idParams, body: groupChanges }, { tags: ['people'], summary: 'Rename a political group', security: bearer, response: writeResponses('The group', 200) }),
  }, async (request, reply) => {
    const group = await getGroup(db, request.params.id);
    if (!group) return notFound(reply, `The political group ${request.params.id}`);
    const g = { name: keep(request.body.name, group.name), shortName: keep(request.body.shortName, group.short_name) };
    await updateGroup(store, actor(request), group.id, g);
    return { id: group.id, ...g };
  });

  app.patch<{ Params: { slug: string }; Body: z.output<typeof personChanges> }>('/v1/people/:slug', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: personChanges }, { tags: ['people'], summary: 'Change a person\u2019s name, kind, group, job, division or contact details', security: bearer, response: writeResponses('The person', 200) }),
  }, async (request, reply) => {
    const p = await getPerson(db, request.params.slug);
    if (!p) return notFound(reply, `The person "${request.params.slug}"`);
    const c = request.body;
    const address = c.address === undefined ? undefined : c.address === null ? null : c.address.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join('\n') || null;
    await updatePerson(store, actor(request), p.id, {
      title: keep(c.title, p.title), forenames: keep(c.forenames, p.forenames), initials: keep(c.initials, p.initials),
      surname: keep(c.surname, p.surname), postNominals: keep(c.postNominals, p.post_nominals), kind: keep(c.kind, p.kind as PersonKind), groupId: keep(c.groupId, p.group_id),
      jobTitle: keep(c.jobTitle, p.job_title), division: keep(c.division, p.division), email: keep(c.email, p.email), phone: keep(c.phone, p.phone), address,
    });
    const after = (await getPerson(db, p.id))!;
    return { id: after.id, slug: after.slug, surname: after.surname, kind: after.kind, groupId: after.group_id, url: `/api/v1/people/${after.slug}` };
  });

  app.post<{ Params: { id: number }; Body: z.output<typeof endBody> }>('/v1/memberships/:id/end', {
    preValidation: guard, ...zodRoute({ params: idParams, body: endBody }, { tags: ['bodies'], summary: 'End a membership on a date (it stays in the body\u2019s history)', security: bearer, response: writeResponses('The membership', 200) }),
  }, async (request, reply) => {
    const m = await getMembership(db, request.params.id);
    if (!m) return notFound(reply, `The membership ${request.params.id}`);
    await endMembershipOn(store, actor(request), m.id, request.body.endsOn);
    return { id: m.id, bodyId: m.body_id, startsOn: m.starts_on, endsOn: request.body.endsOn };
  });

  // A Cabinet member's portfolio changes without ending the membership; the old one stays in the history.
  app.post<{ Params: { id: number }; Body: z.output<typeof portfolioBody> }>('/v1/memberships/:id/portfolio', {
    preValidation: guard, ...zodRoute({ params: idParams, body: portfolioBody }, { tags: ['bodies'], summary: 'Change a Cabinet member\u2019s portfolio from a date: the membership is continued by one holding the new portfolio (the answer), the old one ending the day before, so the history shows who held what when; from the membership\u2019s first day it is corrected in place', security: bearer, response: writeResponses('The membership', 200) }),
  }, async (request, reply) => {
    const m = await getMembership(db, request.params.id);
    if (!m) return notFound(reply, `The membership ${request.params.id}`);
    // From a later date the membership is continued by a new one holding the new portfolio (the old one ends the day
    // before); from its first day it is corrected in place. The answer is the membership that now holds it.
    const id = await changeMembershipPortfolio(store, actor(request), m.id, request.body.portfolio, request.body.fromDate);
    const now = (await getMembership(db, id))!;
    return { id, continues: id === m.id ? null : m.id, bodyId: now.body_id, portfolio: now.portfolio, startsOn: now.starts_on, endsOn: now.ends_on };
  });
};

export default registry;
