// A Cabinet Member's own decisions through the API, with their own token: record one (or, where the constitution
// publishes them, a proposed decision), take a proposed one, publish the record. The same use-cases and checks as
// "Your decisions" in the councillors' area (recordOwnDecision, takeOwnProposedDecision, publishOwnDecision: the
// policy's 'record-own-decision', their own Cabinet Member decision while they hold a portfolio, reasons and
// alternatives, the forward plan link and the 28 clear days); the guard asks the same policy first.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAction } from '../http/guards.js';
import { actorOf } from '../services/accounts.js';
import { getDecision } from '../services/decisions.js';
import { publishOwnDecision, recordOwnDecision, takeOwnProposedDecision } from '../services/executive/decisions.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { writeResponses } from './schemas.js';
import { isoDate, optionalText, requiredText, slugParam, zodRoute } from './zod.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const TAG = 'decisions';

const id = z.number().int().positive().max(2 ** 31 - 1);
/**
 * A decision's content, one definition for the clerk's POST /v1/decisions (write.ts) and a Cabinet Member's own: both
 * go to takeDecision, which checks reasons, alternatives, the forward plan link and the 28 clear days.
 */
export const decisionContentBody = {
  takenOn: isoDate.describe('The day the decision was taken (or, for a proposed decision, the day it is published)'),
  subject: requiredText(500).describe('What the decision is about (left blank on the form, the forward plan entry\u2019s title)'),
  text: requiredText(20000).describe('The decision'),
  key: z.boolean().describe('A key decision'),
  reasons: optionalText(20000).describe('Reasons for the decision (required for an executive decision)'),
  alternatives: optionalText(20000).describe('Alternatives considered and rejected (required for an executive decision)'),
  forwardPlanEntryId: id.nullish().describe('The forward plan entry it was noticed under'),
  reconsidersDecisionId: id.nullish().describe('The decision sent back for reconsideration after call-in outcome (c) that this one reconsiders'),
  proposed: z.boolean().optional().describe('Publish as a proposed decision, not yet taken (where the constitution says so)'),
  interestsDeclared: optionalText(5000),
  dispensations: optionalText(5000),
  consultation: optionalText(5000),
  backgroundDocuments: optionalText(5000),
  containsExemptInformation: z.boolean().optional().describe('The matter contained exempt information, left out of the public record'),
  exemptParagraphs: z.array(z.number().int().min(1).max(7)).max(7).nullish().describe('Paragraphs of Part 1 of Schedule 12A the exempt information falls under'),
  exemptPart: optionalText(20000).describe('The exempt part: never published, read only by those entitled'),
};
const ownDecisionBody = z.strictObject({
  ...decisionContentBody,
  takenOn: isoDate.describe('The day you took the decision (or, for a proposed decision, the day it is published)'),
  reconsidersDecisionId: id.nullish().describe('Your decision sent back to you for reconsideration after call-in outcome (c)'),
});
const takeBody = z.strictObject({ on: isoDate.optional().describe('The day you took it (today if left out)') });
const publishBody = z.strictObject({ publishedOn: isoDate.optional().describe('The day the record is published (today if left out)') });

const ownDecisions: FastifyPluginAsync<ApiRouteOptions> = async (app, { store, today }) => {
  const guard = requireAction('record-own-decision');
  const db = store.db;
  const actor = (request: FastifyRequest) => actorOf(request.account!);
  const state = async (slug: string) => {
    const d = (await getDecision(db, slug))!;
    return { id: d.id, number: d.number, slug: d.slug, status: d.status, takenOn: d.taken_on, publishedOn: d.published_on, callInEndsOn: d.call_in_ends_on, url: `/api/v1/decisions/${d.slug}` };
  };

  app.post<{ Body: z.output<typeof ownDecisionBody> }>('/v1/my/decisions', {
    preValidation: guard, ...zodRoute({ body: ownDecisionBody }, {
      tags: [TAG], summary: 'A Cabinet Member records their own decision (or a proposed decision); its number is allocated', security: bearer, response: writeResponses('The new decision') }),
  }, async (request, reply) => {
    const created = await recordOwnDecision(db, request.viewer, actor(request), request.body);
    reply.code(201).header('location', `/api/v1/decisions/${created.slug}`);
    return state(created.slug);
  });

  app.post<{ Params: { slug: string }; Body: z.output<typeof takeBody> }>('/v1/my/decisions/:slug/take', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: takeBody }, {
      tags: [TAG], summary: 'A Cabinet Member takes their proposed decision (the 28 clear days are checked then)', security: bearer, response: writeResponses('The decision', 200) }),
  }, async (request, reply) => {
    const d = await getDecision(db, request.params.slug);
    if (!d) return notFound(reply, `The decision "${request.params.slug}"`);
    await takeOwnProposedDecision(db, request.viewer, actor(request), d.id, request.body?.on ?? today());
    return state(d.slug);
  });

  app.post<{ Params: { slug: string }; Body: z.output<typeof publishBody> }>('/v1/my/decisions/:slug/publication', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: publishBody }, {
      tags: [TAG], summary: 'A Cabinet Member publishes the record of their decision: the call-in period opens', security: bearer, response: writeResponses('The decision', 200) }),
  }, async (request, reply) => {
    const d = await getDecision(db, request.params.slug);
    if (!d) return notFound(reply, `The decision "${request.params.slug}"`);
    await publishOwnDecision(db, request.viewer, actor(request), d.id, request.body?.publishedOn ?? today());
    return state(d.slug);
  });
};

export default ownDecisions;
