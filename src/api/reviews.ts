// Select committee reviews written through /api/v1, by the same services as the workspace's forms: start a review
// (terms of reference, membership), move it to its next stage, add an evidence session, and publish its final report
// (a PDF, base64-encoded; a correction is a new version with its reason). Democratic Services only ('manage-record');
// each request is one transaction and audited. The reads (GET /v1/reviews…) are with the rest of the cycle in cycle.ts.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { REVIEW_STAGES } from '../domain/executive.js';
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { actorOf } from '../services/accounts.js';
import { getBody } from '../services/bodies.js';
import { addEvidenceSession, advanceReview, attachReviewReport, reviewDetail, startReview } from '../services/executive/scrutiny.js';
import { requireAction } from '../http/guards.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { isoDate, slugParams, writeResponses } from './schemas.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const TAG = 'executive cycle';
const actor = (request: FastifyRequest): Actor => actorOf(request.account!);
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength });
const requiredText = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });

/** The largest final report accepted, as for any paper; its base64 form is a third larger. */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

interface StartBody { title: string; body?: string | null; termsOfReference: string; startedOn: string; members: { name: string; role?: string | null }[] }
interface StageBody { to: string; on: string; note?: string | null; reportSummary?: string | null; response?: string | null }
interface SessionBody { on: string; title: string; witnesses?: string | null; notes?: string | null }
interface ReportBody { fileName: string; contentBase64: string; title?: string | null; note?: string | null; classification?: 'exempt' | 'unrestricted'; exemptParagraphs?: number[] }

const reviewWrites: FastifyPluginAsync<ApiRouteOptions> = async (app, { store }) => {
  const db = store.db;
  const guard = requireAction('manage-record');
  /** Runs `then` with the review of this slug, or answers 404 naming it. */
  const withReview = async <T>(reply: FastifyReply, slug: string, then: (id: number) => Promise<T>) => {
    const d = await reviewDetail(db, slug);
    return d ? then(d.review.id) : notFound(reply, `The review "${slug}"`);
  };

  app.post<{ Body: StartBody }>('/v1/reviews', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Start a select committee review (at its scoping stage) with its terms of reference and members', security: bearer,
      body: { type: 'object', required: ['title', 'termsOfReference', 'startedOn', 'members'], additionalProperties: false, properties: {
        title: requiredText(300), body: { ...nullableText(200), description: 'The slug of the body that appointed it; none for a task and finish group of its own' },
        termsOfReference: requiredText(20000), startedOn: isoDate,
        members: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: requiredText(200), role: { ...nullableText(100), description: 'Chairman, Vice-Chairman…; Member when not given' } } } },
      } },
      response: writeResponses('The new review'),
    },
  }, async (request, reply) => {
    const b = request.body;
    let bodyId: number | null = null;
    if (b.body) {
      const body = await getBody(db, b.body);
      if (!body) throw new ValidationError(`there is no body "${b.body}"`, 'body');
      bodyId = body.id;
    }
    const r = await startReview(db, actor(request), { title: b.title, bodyId, termsOfReference: b.termsOfReference, startedOn: b.startedOn, members: b.members.map((m) => ({ name: m.name, role: m.role ?? 'Member' })) });
    reply.code(201).header('location', `/api/v1/reviews/${r.slug}`);
    return { id: r.id, slug: r.slug, url: `/api/v1/reviews/${r.slug}` };
  });

  app.post<{ Params: { slug: string }; Body: StageBody }>('/v1/reviews/:slug/stage', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Move a review to its next stage (scoping, evidence, report, response, monitoring, closed); the report stage needs the summary of the report, the response stage the executive\u2019s response',
      security: bearer, params: slugParams,
      body: { type: 'object', required: ['to', 'on'], additionalProperties: false, properties: {
        to: { type: 'string', enum: [...REVIEW_STAGES] }, on: isoDate, note: nullableText(2000), reportSummary: nullableText(20000), response: nullableText(20000),
      } },
      response: writeResponses('The review\u2019s stage', 200),
    },
  }, (request, reply) => withReview(reply, request.params.slug, async (id) => {
    await advanceReview(db, actor(request), id, request.body);
    return { stage: request.body.to };
  }));

  app.post<{ Params: { slug: string }; Body: SessionBody }>('/v1/reviews/:slug/sessions', {
    preValidation: guard, schema: {
      tags: [TAG], summary: 'Add an evidence session to a review gathering evidence', security: bearer, params: slugParams,
      body: { type: 'object', required: ['on', 'title'], additionalProperties: false, properties: { on: isoDate, title: requiredText(300), witnesses: nullableText(2000), notes: nullableText(20000) } },
      response: writeResponses('The new evidence session'),
    },
  }, (request, reply) => withReview(reply, request.params.slug, async (id) => {
    const sessionId = await addEvidenceSession(db, actor(request), id, request.body);
    reply.code(201);
    return { id: sessionId };
  }));

  app.post<{ Params: { slug: string }; Body: ReportBody }>('/v1/reviews/:slug/report', {
    preValidation: guard, bodyLimit: Math.ceil(MAX_REPORT_BYTES * 4 / 3) + 1024 * 1024, schema: {
      tags: [TAG], summary: 'Publish the final report of a review at or after its report stage (a PDF, base64-encoded). Once published it is never overwritten: uploading again adds a version, with a note saying what it corrects',
      security: bearer, params: slugParams,
      body: { type: 'object', required: ['fileName', 'contentBase64'], additionalProperties: false, properties: {
        fileName: requiredText(255), contentBase64: { type: 'string', minLength: 1, description: 'The PDF, base64-encoded (at most 20 MB)' },
        title: { ...nullableText(300), description: 'The report\u2019s title (first version only); the review\u2019s title and \u201cfinal report\u201d when not given' },
        note: { ...nullableText(500), description: 'What a new version corrects or changes (required for every version after the first)' },
        classification: { type: 'string', enum: ['unrestricted', 'exempt'], description: 'Exempt under Schedule 12A: the public see that the report exists and its paragraph(s), never the report (unrestricted when not given; each version has its own)' },
        exemptParagraphs: { type: 'array', maxItems: 7, items: { type: 'integer', minimum: 1, maximum: 7 }, description: 'The paragraph(s) of Part 1 of Schedule 12A an exempt report falls under' },
      } },
      response: writeResponses('The report\u2019s document and version'),
    },
  }, (request, reply) => withReview(reply, request.params.slug, async (id) => {
    const b = request.body;
    if (!/^[A-Za-z0-9+/=\s]+$/.test(b.contentBase64)) throw new ValidationError('The field "contentBase64" is not base64', 'contentBase64');
    const bytes = new Uint8Array(Buffer.from(b.contentBase64, 'base64'));
    if (bytes.byteLength > MAX_REPORT_BYTES) throw new ValidationError(`"${b.fileName}" is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the largest report accepted is 20 MB`, 'contentBase64');
    const r = await attachReviewReport(db, actor(request), id, { fileName: b.fileName, bytes, title: b.title, note: b.note, classification: b.classification, exemptParagraphs: b.exemptParagraphs });
    reply.code(201).header('location', `/api/v1/documents/${r.slug}`);
    return { documentId: r.documentId, slug: r.slug, version: r.version, url: `/api/v1/documents/${r.slug}` };
  }));
};

export default reviewWrites;
