// HTTP conventions of the JSON API: one error body, problem details (RFC 9457, application/problem+json) carrying
// {type, title, status, detail} and Moot's {error, message, field?}; validation failures that name the field;
// pagination with totals and an opaque cursor; ETags on every GET.
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { MootError, NotFoundError, ValidationError } from '../errors.js';
import { isDatabaseUnavailable } from '../services/health.js';

export interface ApiErrorBody {
  error: string;
  message: string;
  field?: string;
}

export function sendError(reply: FastifyReply, status: number, error: string, message: string, field?: string): FastifyReply {
  reply.code(status);
  const body: ApiErrorBody = { error, message };
  if (field) body.field = field;
  return reply.send(body);
}

export const notFound = (reply: FastifyReply, what: string) => sendError(reply, 404, 'not-found', `${what} was not found`);
export const forbidden = (reply: FastifyReply, message: string) => sendError(reply, 403, 'forbidden', message);

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** "body.date must match format "date"" → a sentence naming the field, and the field's dotted path. */
export function describeValidation(errors: AjvError[], context: string): { message: string; field: string } {
  const e = errors[0] ?? {};
  const path = (e.instancePath ?? '').split('/').filter(Boolean);
  if (e.keyword === 'required' && typeof e.params?.missingProperty === 'string') path.push(e.params.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof e.params?.additionalProperty === 'string') path.push(e.params.additionalProperty);
  const field = path.join('.') || context;
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'field';
  let message: string;
  if (e.keyword === 'required') message = `The ${where} "${field}" is required`;
  else if (e.keyword === 'additionalProperties') message = `The ${where} "${field}" is not recognised`;
  else if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) message = `The ${where} "${field}" must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
  else message = `The ${where} "${field}" ${e.message ?? 'is not valid'}`;
  return { message, field };
}

const ERROR_NAMES: Record<number, string> = { 400: 'bad-request', 401: 'unauthorised', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'too-large', 415: 'unsupported-media-type', 429: 'too-many-requests' };

/** Every failure in the API scope as the one error body; never a stack trace. */
export function addErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error.validation) {
      const { message, field } = describeValidation(error.validation as AjvError[], error.validationContext ?? 'body');
      return sendError(reply, 400, 'validation', message, field);
    }
    if (error instanceof ValidationError) return sendError(reply, 400, 'validation', error.message.charAt(0).toUpperCase() + error.message.slice(1), error.field ?? undefined);
    if (error instanceof NotFoundError) return sendError(reply, 404, 'not-found', error.message);
    if (error instanceof MootError) return sendError(reply, 400, 'bad-request', error.message);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500 && isDatabaseUnavailable(error)) {
      request.log.warn({ err: { code: error.code, message: error.message } }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(reply, 503, 'unavailable', 'The service is briefly unavailable; try again in a few seconds');
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'API request failed');
      return sendError(reply, 500, 'server-error', 'Sorry, there is a problem with the service');
    }
    const message = status === 413 ? 'The request is too large' : status === 415 ? 'Send JSON (application/json), or multipart/form-data where the route accepts uploads' : error.message;
    return sendError(reply, status, ERROR_NAMES[status] ?? 'bad-request', message);
  });
}

/**
 * onSend: a weak ETag over the body of every successful GET, 304 for a matching If-None-Match, and cache headers
 * that never let a shared cache keep something that depends on who is asking.
 */
export function addEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload: unknown) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    reply.header('vary', 'Authorization, Cookie');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', request.viewer.kind === 'public' ? 'no-cache' : 'private, no-cache');
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorised', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 413: 'Request too large', 415: 'Unsupported media type',
  422: 'Unprocessable content', 429: 'Too many requests', 500: 'Server error', 503: 'Service unavailable',
};

/** The problem type for one of Moot's error codes: a stable URI documented in the OpenAPI document. */
export const problemType = (code: string) => `https://moot.council/problems/${code}`;

/**
 * onSend: every error answer of the API (from a route, a guard, the token check or the rate limit) as problem
 * details (RFC 9457): application/problem+json with type, title, status and detail, keeping error/message/field.
 */
export function addProblemDetails(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload: unknown) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !payload.startsWith('{')) return payload;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      return payload;
    }
    const code = typeof body.error === 'string' && /^[a-z][a-z-]*$/.test(body.error) ? body.error : ERROR_NAMES[reply.statusCode] ?? (reply.statusCode >= 500 ? 'server-error' : 'bad-request');
    const detail = typeof body.message === 'string' ? body.message : TITLES[reply.statusCode] ?? 'Error';
    const problem = { type: problemType(code), title: TITLES[reply.statusCode] ?? 'Error', status: reply.statusCode, detail, instance: request.url.split('?')[0], ...body, error: code, message: detail };
    reply.header('content-type', 'application/problem+json; charset=utf-8');
    return JSON.stringify(problem);
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

/** An opaque cursor for the position after this page. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The position a cursor stands for; a cursor that was not made here is a 400 naming the field. */
export function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new ValidationError('The query parameter "cursor" is not a cursor this API gave out: use nextCursor from the previous page', 'cursor');
  return Number(m[1]);
}

/** limit/offset/cursor from a list's query: a cursor, when given, says where to start. */
export function position(q: { limit: number; offset?: number; cursor?: string }): { limit: number; offset: number } {
  return { limit: q.limit, offset: q.cursor ? decodeCursor(q.cursor) : q.offset ?? 0 };
}

export function pageMeta(total: number, limit: number, offset: number): { total: number; limit: number; offset: number; nextCursor: string | null } {
  return { total, limit, offset, nextCursor: offset + limit < total ? encodeCursor(offset + limit) : null };
}

export function pageOf<T>(all: T[], limit: number, offset: number, cursor?: string): Page<T> {
  const at = cursor ? decodeCursor(cursor) : offset;
  return { items: all.slice(at, at + limit), ...pageMeta(all.length, limit, at) };
}

/**
 * The rate limit as the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy`
 * says the quota (q requests per w seconds), `RateLimit` what is left (r) and the seconds until it resets (t). Read
 * from what @fastify/rate-limit counted for this request (its x-ratelimit-* headers, kept for older clients).
 */
export function addRateLimitFields(app: FastifyInstance, perMinute: number): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const remaining = reply.getHeader('x-ratelimit-remaining');
    const reset = reply.getHeader('x-ratelimit-reset');
    if (remaining === undefined) return payload;
    reply.header('ratelimit-policy', `"per-client";q=${perMinute};w=60`);
    reply.header('ratelimit', `"per-client";r=${Number(remaining)};t=${Math.max(0, Number(reset ?? 0))}`);
    return payload;
  });
}
