// The executive cycle's remaining steps through the API, by the services the workspace's cycle screens call:
// refuse a call-in request, confirm a decision after call-in or record it implemented, the scrutiny committee's
// verdict on a response, and move a forward plan entry (deferred, withdrawn, back to planned). Democratic Services
// only ('manage-record', checked before the body is read); each is one transaction, audited by the service.
// Answers give numbers and states, never a decision's subject or text: those are read under the visibility rule.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FOLLOW_UP_VERDICTS } from '../domain/executive.js';
import type { Actor } from '../domain/types.js';
import { requireAction } from '../http/guards.js';
import { actorOf } from '../services/accounts.js';
import { getDecision } from '../services/decisions.js';
import { callInDetail, refuseCallIn } from '../services/executive/call-ins.js';
import { confirmDecision, implementDecision } from '../services/executive/decisions.js';
import { forwardPlanEntryDetail, moveForwardPlanEntry } from '../services/executive/forward-plan.js';
import { markFollowUpResponse } from '../services/executive/scrutiny.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { writeResponses } from './schemas.js';
import { idParams, isoDate, optionalText, requiredText, slugParam, zodRoute } from './zod.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const actor = (request: FastifyRequest): Actor => actorOf(request.account!);
const TAG = 'executive cycle';

const refusalBody = z.strictObject({ reason: requiredText(2000).describe('Why the request is refused (for example, reasons outside the call-in procedure rules)') });
const confirmBody = z.strictObject({
  note: requiredText(2000).describe('Who confirmed the decision and how (e.g. the Cabinet Member confirmed it on reconsideration)'),
  on: isoDate.optional().describe('The day it was confirmed (today if left out)'),
});
const implementBody = z.strictObject({ on: isoDate.optional().describe('The day it took effect (today if left out)') });
const verdictBody = z.strictObject({
  verdict: z.enum(FOLLOW_UP_VERDICTS),
  on: isoDate.optional().describe('The day of the committee\u2019s meeting (today if left out)'),
});
const moveBody = z.strictObject({
  to: z.enum(['planned', 'deferred', 'withdrawn']).describe('deferred (to a new expected date), withdrawn (with the reason), or planned again'),
  expectedOn: isoDate.nullish().describe('The new expected date of the decision'),
  note: optionalText(2000).describe('Why (required when withdrawn)'),
});

const executive: FastifyPluginAsync<ApiRouteOptions> = async (app, { store, today }) => {
  const guard = requireAction('manage-record');
  const db = store.db;
  const decisionState = async (id: number) => {
    const d = (await getDecision(db, id))!;
    return { number: d.number, slug: d.slug, status: d.status, implementedOn: d.implemented_on, url: `/api/v1/decisions/${d.slug}` };
  };

  app.post<{ Params: { id: number }; Body: z.output<typeof refusalBody> }>('/v1/call-ins/:id/refusal', {
    preValidation: guard, ...zodRoute({ params: idParams, body: refusalBody }, {
      tags: [TAG], summary: 'Refuse a call-in request, saying why; a valid request refused lets the decision stand', security: bearer, response: writeResponses('The call-in', 200) }),
  }, async (request, reply) => {
    if (!(await callInDetail(db, request.params.id))) return notFound(reply, `The call-in ${request.params.id}`);
    await refuseCallIn(db, actor(request), request.params.id, request.body.reason);
    const c = (await callInDetail(db, request.params.id))!;
    return { id: c.id, status: c.status, decision: await decisionState(c.decision_id) };
  });

  app.post<{ Params: { slug: string }; Body: z.output<typeof confirmBody> }>('/v1/decisions/:slug/confirmation', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: confirmBody }, {
      tags: [TAG], summary: 'The decision taker (after outcome (c)) or full Council (after (d)) lets a called-in decision stand', security: bearer, response: writeResponses('The decision\u2019s state', 200) }),
  }, async (request, reply) => {
    const d = await getDecision(db, request.params.slug);
    if (!d) return notFound(reply, `The decision "${request.params.slug}"`);
    await confirmDecision(db, actor(request), d.id, request.body.on ?? today(), request.body.note);
    return decisionState(d.id);
  });

  app.post<{ Params: { slug: string }; Body: z.output<typeof implementBody> }>('/v1/decisions/:slug/implementation', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: implementBody }, {
      tags: [TAG], summary: 'Record a decision as implemented (once its call-in period is over, or it is confirmed)', security: bearer, response: writeResponses('The decision\u2019s state', 200) }),
  }, async (request, reply) => {
    const d = await getDecision(db, request.params.slug);
    if (!d) return notFound(reply, `The decision "${request.params.slug}"`);
    await implementDecision(db, actor(request), d.id, request.body.on ?? today());
    return decisionState(d.id);
  });

  app.put<{ Params: { id: number }; Body: z.output<typeof verdictBody> }>('/v1/follow-ups/recommendations/:id/verdict', {
    preValidation: guard, ...zodRoute({ params: idParams, body: verdictBody }, {
      tags: [TAG], summary: 'The scrutiny committee\u2019s verdict on the latest response to a recommendation: satisfactory, or more information', security: bearer, response: writeResponses('The verdict', 200) }),
  }, async (request) => {
    const on = request.body.on ?? today();
    await markFollowUpResponse(db, actor(request), request.params.id, request.body.verdict, on);
    return { recommendationId: request.params.id, verdict: request.body.verdict, verdictOn: on };
  });

  app.post<{ Params: { id: number }; Body: z.output<typeof moveBody> }>('/v1/forward-plan/entries/:id/moves', {
    preValidation: guard, ...zodRoute({ params: idParams, body: moveBody }, {
      tags: [TAG], summary: 'Move a forward plan entry: defer it to a new date, withdraw it (saying why) or plan it again; the move shows in the entry\u2019s history and the next edition',
      security: bearer, response: writeResponses('The entry\u2019s state', 200) }),
  }, async (request, reply) => {
    if (!(await forwardPlanEntryDetail(db, request.params.id))) return notFound(reply, `The forward plan entry ${request.params.id}`);
    await moveForwardPlanEntry(db, actor(request), request.params.id, { to: request.body.to, expectedOn: request.body.expectedOn ?? null, note: request.body.note }, today());
    const { entry } = (await forwardPlanEntryDetail(db, request.params.id))!;
    return { id: entry.id, status: entry.status, expectedOn: entry.expected_on };
  });
};

export default executive;
