// The executive decision cycle under /api/v1: the forward plan (every edition), key decisions noticed on it, a
// decision's timeline with its call-in state, call-ins, notice exceptions (general exception, special urgency), the
// scrutiny follow-up schedule, select committee reviews and each body's work programme. Reads answer each viewer through the one visibility
// rule, like the pages; writes are Democratic Services' and go through the same services as the workspace.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Actor, DecisionTakerKind } from '../domain/types.js';
import { DECISION_TAKER_KINDS } from '../domain/types.js';
import { CALL_IN_OUTCOMES } from '../domain/executive.js';
import { actorOf } from '../services/accounts.js';
import { getBody } from '../services/bodies.js';
import { recordCallInOutcome } from '../services/executive/call-ins.js';
import { decisionTimeline } from '../services/executive/decisions.js';
import { addForwardPlanEntry, publishForwardPlan, publishPrivateMeetingNotice, recordPrivateMeetingUrgency, readForwardPlan, type ForwardPlanEntryInput } from '../services/executive/forward-plan.js';
import { callInState, visibleCallIns, visibleNoticeExceptions } from '../services/executive/read.js';
import { addFollowUp, addFollowUpResponse, addWorkProgrammeItem, followUpSchedule, publishedReview, publishedReviews, workProgramme } from '../services/executive/scrutiny.js';
import { requireAction } from '../http/guards.js';
import { notFound, pageOf } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { isoDate, pagination, readResponses, slugParams, writeResponses } from './schemas.js';

const optionalAuth: { [name: string]: string[] }[] = [{}, { bearerAuth: [] }];
const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const TAG = 'executive cycle';
const actor = (request: FastifyRequest): Actor => actorOf(request.account!);
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const text = (maxLength = 2000) => ({ type: 'string', maxLength });
const nullableText = (maxLength = 2000) => ({ type: ['string', 'null'], maxLength });

export const forwardPlanEntrySchema = {
  type: 'object', required: ['title', 'takerKind', 'takerName', 'key'], additionalProperties: false,
  properties: {
    reference: nullableText(50), title: { type: 'string', minLength: 1, maxLength: 500 }, takerKind: { type: 'string', enum: [...DECISION_TAKER_KINDS] },
    takerName: { type: 'string', minLength: 1, maxLength: 300 }, takerBodyId: { type: ['integer', 'null'] }, takerPersonId: { type: ['integer', 'null'] },
    portfolio: nullableText(300), expectedOn: { ...isoDate, type: ['string', 'null'] }, meetingId: { type: ['integer', 'null'] },
    key: { type: 'boolean', description: 'A key decision (28 clear days\u2019 notice)' }, keyReason: nullableText(1000),
    expenditurePence: { type: ['integer', 'null'], description: 'Expenditure or savings, in pence (tests the key decision threshold)' },
    divisions: { type: 'array', items: text(200), description: 'Electoral divisions affected' },
    private: { type: 'boolean', description: 'To be taken in private (28 days\u2019 notice of a private meeting)' },
    exemptParagraphs: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, description: 'Paragraphs of Part 1 of Schedule 12A' },
    privateReason: nullableText(), documents: nullableText(), consultation: nullableText(), contact: nullableText(500),
  },
} as const;

export const followUpSchema = {
  type: 'object', required: ['body', 'title', 'consideredOn', 'recommendations'], additionalProperties: false,
  properties: {
    body: { type: 'string', description: 'The scrutiny body\u2019s slug' }, title: { type: 'string', minLength: 1, maxLength: 500 }, portfolio: nullableText(300),
    synopsis: nullableText(5000), reason: nullableText(5000), consideredOn: isoDate, decisionId: { type: ['integer', 'null'] }, callInId: { type: ['integer', 'null'] },
    recommendations: { type: 'array', minItems: 1, items: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: text(5000), parts: { type: 'array', items: text(5000) } } } },
  },
} as const;

const cycle: FastifyPluginAsync<ApiRouteOptions> = async (app, { store, today }) => {
  const db = store.db;
  const guard = requireAction('manage-record');

  // ------------------------------------------------------------------ reads
  app.get<{ Querystring: { edition?: number } }>('/v1/forward-plan', {
    schema: { tags: [TAG], summary: 'The forward plan (notice of key decisions): the latest edition, or the one asked for, and the list of every edition', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { edition: { type: 'integer', minimum: 1 } } }, response: readResponses('An edition of the forward plan') },
  }, async (request, reply) => {
    const plan = await readForwardPlan(db, request.viewer, request.query.edition);
    if (request.query.edition && plan.edition?.edition !== request.query.edition) return notFound(reply, `Edition ${request.query.edition} of the forward plan`);
    return { edition: plan.edition, entries: plan.entries, editions: plan.editions.map((e) => ({ ...e, url: `/api/v1/forward-plan?edition=${e.edition}` })),
      ...(plan.unpublished.length ? { unpublished: plan.unpublished } : {}) };
  });

  app.get<{ Querystring: { limit: number; offset: number } }>('/v1/key-decisions', {
    schema: { tags: [TAG], summary: 'Key decisions noticed on the latest forward plan, with the date each notice was first published', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { ...pagination } }, response: readResponses('A page of key decision notices', true) },
  }, async (request) => {
    const plan = await readForwardPlan(db, request.viewer);
    const items = plan.entries.filter((e) => e.key).map((e) => ({ ...e, decisionUrl: e.decisionSlug ? `/api/v1/decisions/${e.decisionSlug}` : null }));
    return pageOf(items, request.query.limit, request.query.offset);
  });

  app.get<{ Params: { slug: string } }>('/v1/decisions/:slug/timeline', {
    schema: { tags: [TAG], summary: 'A decision\u2019s timeline: notice, exceptions, taken, published, call-in and its outcome, reconsideration; and its call-in state today', security: optionalAuth,
      params: slugParams, response: readResponses('A decision\u2019s timeline') },
  }, async (request, reply) => {
    const t = await decisionTimeline(db, request.viewer, request.params.slug, today());
    if (!t) return notFound(reply, `The decision "${request.params.slug}"`);
    const d = t.decision;
    return {
      decision: { number: d.number, slug: d.slug, subject: d.subject, takerName: d.taker_name, takenOn: d.taken_on, status: d.status, key: !!d.key_decision, noticeBasis: d.notice_basis, url: `/api/v1/decisions/${d.slug}` },
      callIn: callInState(d, today()), steps: t.steps,
      forwardPlanEntry: t.forwardPlanEntry ? { title: t.forwardPlanEntry.title, noticePublishedOn: t.forwardPlanEntry.notice_published_on } : null,
      reconsiders: t.original ? { number: t.original.number, slug: t.original.slug, url: `/api/v1/decisions/${t.original.slug}` } : null,
    };
  });

  app.get<{ Querystring: { status?: string; limit: number; offset: number } }>('/v1/call-ins', {
    schema: { tags: [TAG], summary: 'Call-ins: signatories, validity, the scrutiny meeting that considers them, the outcome (a)-(d)', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['collecting', 'valid', 'refused', 'considered'] }, ...pagination } },
      response: readResponses('A page of call-ins', true) },
  }, async (request) => pageOf(await visibleCallIns(db, request.viewer, { status: request.query.status }), request.query.limit, request.query.offset));

  app.get<{ Querystring: { from: string; to: string } }>('/v1/notice-exceptions', {
    schema: { tags: [TAG], summary: 'General exceptions, special urgency decisions and urgent meetings in private (kind private-urgency) in a period (the quarterly report to full Council)', security: optionalAuth,
      querystring: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: isoDate, to: isoDate } }, response: readResponses('Notice exceptions') },
  }, async (request) => ({ items: await visibleNoticeExceptions(db, request.viewer, request.query.from, request.query.to) }));

  app.get<{ Querystring: { body?: string; on?: string } }>('/v1/follow-ups', {
    schema: { tags: [TAG], summary: 'The scrutiny follow-up ("rolling") schedule: recommendations, response rounds, date actioned, the committee\u2019s verdict', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { body: { type: 'string', description: 'A scrutiny body\u2019s slug' }, on: { ...isoDate, description: 'The schedule as it stands for a meeting on this day (default today)' } } },
      response: readResponses('The follow-up schedule') },
  }, async (request, reply) => {
    let bodyId: number | null = null;
    if (request.query.body) {
      const body = await getBody(db, request.query.body);
      if (!body) return notFound(reply, `The body "${request.query.body}"`);
      bodyId = body.id;
    }
    return { items: await followUpSchedule(db, request.viewer, bodyId, request.query.on ?? today()) };
  });

  app.get<{ Params: { slug: string } }>('/v1/bodies/:slug/work-programme', {
    schema: { tags: [TAG], summary: 'A body\u2019s work programme: items for each future meeting and unscheduled items', security: optionalAuth, params: slugParams, response: readResponses('A work programme') },
  }, async (request, reply) => {
    const body = await getBody(db, request.params.slug);
    if (!body) return notFound(reply, `The body "${request.params.slug}"`);
    const wp = await workProgramme(db, body.id, today());
    const item = (i: { id: number; title: string; lead: string | null; notes: string | null; kind: string; status: string }) => ({ id: i.id, title: i.title, lead: i.lead, notes: i.notes, kind: i.kind, status: i.status });
    return { body: { slug: body.slug, name: body.name }, meetings: wp.meetings.map((m) => ({ date: m.date, slug: m.slug, items: m.items.map(item) })), unscheduled: wp.unscheduled.map(item) };
  });

  app.get('/v1/reviews', {
    schema: { tags: [TAG], summary: 'Select committee reviews, newest first, each with its stage', security: optionalAuth, response: readResponses('Reviews') },
  }, async () => ({ items: (await publishedReviews(db)).map((r) => ({ ...r, url: `/api/v1/reviews/${r.slug}` })) }));

  app.get<{ Params: { slug: string } }>('/v1/reviews/:slug', {
    schema: { tags: [TAG], summary: 'A select committee review: terms of reference, membership, stages (scoping, evidence, report, response, monitoring), evidence sessions, final report and response',
      security: optionalAuth, params: slugParams, response: readResponses('A review') },
  }, async (request, reply) => (await publishedReview(db, request.params.slug, request.viewer)) ?? notFound(reply, `The review "${request.params.slug}"`));

  // ------------------------------------------------------------------ writes (Democratic Services)
  app.post<{ Body: ForwardPlanEntryInput }>('/v1/forward-plan/entries', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Add an entry to the forward plan (published with the next edition)', security: bearer, body: forwardPlanEntrySchema, response: writeResponses('The new entry') },
  }, async (request, reply) => {
    const id = await addForwardPlanEntry(db, actor(request), { ...request.body, takerKind: request.body.takerKind as DecisionTakerKind }, today());
    reply.code(201);
    return { id };
  });

  app.post<{ Params: { id: number }; Body: { publishedOn: string; representations?: string | null } }>('/v1/forward-plan/entries/:id/private-notice', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Record the notice of reasons for a private meeting (5 clear days before), with representations received and the response', security: bearer, params: idParams,
      body: { type: 'object', required: ['publishedOn'], additionalProperties: false, properties: { publishedOn: isoDate, representations: nullableText(5000) } }, response: writeResponses('Recorded', 200) },
  }, async (request) => {
    await publishPrivateMeetingNotice(db, actor(request), request.params.id, request.body);
    return { id: request.params.id, reasonsNoticePublishedOn: request.body.publishedOn };
  });

  app.post<{ Params: { id: number }; Body: { meetingOn: string; agreedBy: string; agreedOn: string; publishedOn: string; reason: string } }>('/v1/forward-plan/entries/:id/private-urgency', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Record the scrutiny chair\u2019s agreement that a meeting in private is urgent, where its 28 clear days\u2019 notice (or the notice of reasons) was not given; published and listed for the quarterly report',
      security: bearer, params: idParams,
      body: { type: 'object', required: ['meetingOn', 'agreedBy', 'agreedOn', 'publishedOn', 'reason'], additionalProperties: false,
        properties: { meetingOn: isoDate, agreedBy: { type: 'string', maxLength: 300 }, agreedOn: isoDate, publishedOn: isoDate, reason: { type: 'string', maxLength: 5000 } } },
      response: writeResponses('Recorded', 200) },
  }, async (request) => {
    await recordPrivateMeetingUrgency(db, actor(request), request.params.id, request.body);
    return { id: request.params.id, urgencyAgreedOn: request.body.agreedOn };
  });

  app.post<{ Body: { publishedOn: string; note?: string | null } }>('/v1/forward-plan/editions', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Publish the next dated edition of the forward plan', security: bearer,
      body: { type: 'object', required: ['publishedOn'], additionalProperties: false, properties: { publishedOn: isoDate, note: nullableText(1000) } }, response: writeResponses('The edition published') },
  }, async (request, reply) => {
    const r = await publishForwardPlan(db, actor(request), request.body.publishedOn, request.body.note ?? null);
    reply.code(201).header('location', `/api/v1/forward-plan?edition=${r.edition}`);
    return { ...r, url: `/api/v1/forward-plan?edition=${r.edition}` };
  });

  app.post<{ Params: { id: number }; Body: { outcome: string; notes?: string | null; on: string } }>('/v1/call-ins/:id/outcome', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Record the scrutiny committee\u2019s outcome (a)-(d) of a call-in; it drives the decision\u2019s state', security: bearer, params: idParams,
      body: { type: 'object', required: ['outcome', 'on'], additionalProperties: false, properties: { outcome: { type: 'string', enum: [...CALL_IN_OUTCOMES] }, notes: nullableText(5000), on: isoDate } },
      response: writeResponses('The decision\u2019s new state', 200) },
  }, async (request) => recordCallInOutcome(db, actor(request), request.params.id, request.body));

  app.post<{ Body: { body: string; title: string; portfolio?: string | null; synopsis?: string | null; reason?: string | null; consideredOn: string; decisionId?: number | null; callInId?: number | null; recommendations: { text: string; parts?: string[] }[] } }>('/v1/follow-ups', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Add an entry to the follow-up schedule with its numbered (and lettered) recommendations', security: bearer, body: followUpSchema, response: writeResponses('The new entry') },
  }, async (request, reply) => {
    const { body: slug, ...rest } = request.body;
    const body = await getBody(db, slug);
    if (!body) return notFound(reply, `The body "${slug}"`);
    const id = await addFollowUp(db, actor(request), { ...rest, bodyId: body.id });
    reply.code(201);
    return { id };
  });

  app.post<{ Params: { id: number }; Body: { text: string; respondedOn: string; dateActioned: string; responder?: string | null; notes?: string | null } }>('/v1/follow-ups/recommendations/:id/responses', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Add the Cabinet Member\u2019s response (the next round) to a recommendation', security: bearer, params: idParams,
      body: { type: 'object', required: ['text', 'respondedOn', 'dateActioned'], additionalProperties: false, properties: {
        text: text(10000), respondedOn: isoDate, dateActioned: { type: 'string', maxLength: 40, description: 'A date, "expected YYYY-MM-DD", "Not applicable", "TBC" or "Ongoing"' }, responder: nullableText(300), notes: nullableText(5000) } },
      response: writeResponses('The new response') },
  }, async (request, reply) => {
    const id = await addFollowUpResponse(db, actor(request), request.params.id, request.body);
    reply.code(201);
    return { id };
  });

  app.post<{ Params: { slug: string }; Body: { title: string; meetingId?: number | null; notes?: string | null; lead?: string | null; kind?: 'item' | 'review' | 'call-in' | 'follow-up' } }>('/v1/bodies/:slug/work-programme', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Add an item to a body\u2019s work programme (for a future meeting, or unscheduled)', security: bearer, params: slugParams,
      body: { type: 'object', required: ['title'], additionalProperties: false, properties: {
        title: { type: 'string', minLength: 1, maxLength: 500 }, meetingId: { type: ['integer', 'null'] }, notes: nullableText(), lead: nullableText(300), kind: { type: 'string', enum: ['item', 'review', 'call-in', 'follow-up'] } } },
      response: writeResponses('The new item') },
  }, async (request, reply) => {
    const body = await getBody(db, request.params.slug);
    if (!body) return notFound(reply, `The body "${request.params.slug}"`);
    const id = await addWorkProgrammeItem(db, actor(request), { ...request.body, bodyId: body.id }, today());
    reply.code(201);
    return { id };
  });
};

export default cycle;
