// A meeting's life and publication through the API, by the same services as the workspace's buttons: publish the
// agenda (or a supplementary agenda), mark the meeting held, cancel or postpone it, publish the draft minutes,
// approve them at a later meeting, and publish a Record of Decision. Democratic Services only ('manage-record'); each
// request is one transaction and audited, and publishing starts the same alerts, papers to members and webhooks.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/types.js';
import { actorOf } from '../services/accounts.js';
import { getDecision } from '../services/decisions.js';
import { publishDecisionRecord } from '../services/executive/decisions.js';
import { cancelOrPostpone, getMeeting, markHeld } from '../services/meetings.js';
import { approveMinutes, publishDraftMinutes } from '../services/proceedings.js';
import { publishAgenda, publishSupplementary } from '../services/publication/publish.js';
import { requireAction } from '../http/guards.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { slugParams, writeResponses } from './schemas.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const TAG = 'meetings';

const actor = (request: FastifyRequest): Actor => actorOf(request.account!);
const text = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const isoDate = { type: 'string', format: 'date' } as const;

const lifecycle: FastifyPluginAsync<ApiRouteOptions> = async (app, { store, today }) => {
  const guard = requireAction('manage-record');
  /** The one lookup behind every route here: runs `then` with the meeting of this slug, or answers 404 naming it. */
  const withMeeting = async <T>(reply: FastifyReply, slug: string, then: (m: NonNullable<Awaited<ReturnType<typeof getMeeting>>>) => Promise<T>) => {
    const m = await getMeeting(store.db, slug);
    return m ? then(m) : notFound(reply, `The meeting "${slug}"`);
  };

  app.post<{ Params: { slug: string }; Body: { lateReason?: string | null } | undefined }>('/v1/meetings/:slug/agenda/publication', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Publish the agenda: builds and stores the public and members\u2019 packs (as the workspace\u2019s "Publish" button)', security: bearer, params: slugParams,
      body: { type: ['object', 'null'], additionalProperties: false, properties: { lateReason: text(1000) } }, response: writeResponses('The published pack versions'),
    },
  }, (request, reply) => withMeeting(reply, request.params.slug, async (m) => {
    const r = await publishAgenda(store, actor(request), m.id, { publishedOn: today(), lateReason: request.body?.lateReason ?? null });
    reply.code(201);
    return r;
  }));

  app.post<{ Params: { slug: string }; Body: { items: string[]; lateReason?: string | null } }>('/v1/meetings/:slug/supplementary-agendas', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Publish a supplementary agenda carrying the papers of the given items', security: bearer, params: slugParams,
      body: { type: 'object', required: ['items'], additionalProperties: false, properties: { items: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 20 } }, lateReason: text(1000) } },
      response: writeResponses('The supplementary agenda'),
    },
  }, (request, reply) => withMeeting(reply, request.params.slug, async (m) => {
    const r = await publishSupplementary(store, actor(request), m.id, request.body.items, { publishedOn: today(), lateReason: request.body.lateReason ?? null });
    reply.code(201);
    return r;
  }));

  app.post<{ Params: { slug: string }; Body: { reason?: string | null } | undefined }>('/v1/meetings/:slug/held', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Mark the meeting as held (from its day); a meeting whose agenda was never published needs the reason it went ahead', security: bearer, params: slugParams,
      body: { type: ['object', 'null'], additionalProperties: false, properties: { reason: text(500) } }, response: writeResponses('The meeting\u2019s status', 200),
    },
  }, (request, reply) => withMeeting(reply, request.params.slug, async (m) => {
    await markHeld(store, actor(request), m.id, today(), request.body?.reason ?? null);
    return { status: 'held' };
  }));

  app.post<{ Params: { slug: string }; Body: { status: 'cancelled' | 'postponed'; reason: string } }>('/v1/meetings/:slug/cancellation', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Cancel or postpone the meeting, with the reason', security: bearer, params: slugParams,
      body: { type: 'object', required: ['status', 'reason'], additionalProperties: false, properties: { status: { type: 'string', enum: ['cancelled', 'postponed'] }, reason: { type: 'string', minLength: 1, maxLength: 500 } } },
      response: writeResponses('The meeting\u2019s status', 200),
    },
  }, (request, reply) => withMeeting(reply, request.params.slug, async (m) => {
    await cancelOrPostpone(store, actor(request), m.id, request.body.status, request.body.reason);
    return { status: request.body.status };
  }));

  app.post<{ Params: { slug: string }; Body: { withoutUnwritten?: boolean } | undefined }>('/v1/meetings/:slug/minutes/publication', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Publish the draft minutes of a held meeting. Refused, naming them, while items taken at the meeting have no minute, unless withoutUnwritten confirms publishing without them',
      security: bearer, params: slugParams, response: writeResponses('The meeting\u2019s status', 200),
      body: { type: ['object', 'null'], additionalProperties: false, properties: { withoutUnwritten: { type: 'boolean', description: 'Confirms that the draft minutes are published although some items have no minute (as the workspace\u2019s confirmation box)' } } },
    },
  }, (request, reply) => withMeeting(reply, request.params.slug, async (m) => {
    await publishDraftMinutes(store, actor(request), m.id, { withoutUnwritten: request.body?.withoutUnwritten === true });
    return { status: 'minutes-drafted' };
  }));

  app.post<{ Params: { slug: string }; Body: { atMeeting: string; amendments?: string | null } }>('/v1/meetings/:slug/minutes/approval', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Record the approval of the minutes at a later meeting of the same body (by its slug), with any amendments', security: bearer, params: slugParams,
      body: { type: 'object', required: ['atMeeting'], additionalProperties: false, properties: { atMeeting: { type: 'string', minLength: 1, maxLength: 200 }, amendments: text(5000) } },
      response: writeResponses('The meeting\u2019s status', 200),
    },
  }, (request, reply) => withMeeting(reply, request.params.slug, (m) => withMeeting(reply, request.body.atMeeting, async (at) => {
    await approveMinutes(store, actor(request), m.id, at.id, request.body.amendments ?? null);
    return { status: 'minutes-approved' };
  })));

  app.post<{ Params: { slug: string }; Body: { publishedOn: string } }>('/v1/decisions/:slug/publication', {
    preValidation: guard, schema: {
      tags: ['decisions'], summary: 'Publish a Record of Decision; the call-in period is worked out from the council\u2019s calendar', security: bearer, params: slugParams,
      body: { type: 'object', required: ['publishedOn'], additionalProperties: false, properties: { publishedOn: isoDate } }, response: writeResponses('The call-in deadline', 200),
    },
  }, async (request, reply) => {
    const d = await getDecision(store.db, request.params.slug);
    if (!d) return notFound(reply, `The decision "${request.params.slug}"`);
    return publishDecisionRecord(store.db, actor(request), d.id, request.body.publishedOn);
  });
};

export default lifecycle;
