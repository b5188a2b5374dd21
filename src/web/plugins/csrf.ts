// Cross-site request forgery: every state-changing request made with a browser's cookies must carry a token the
// attacker's page cannot know — the session's csrf_token, or before sign-in the value of the moot_csrf cookie
// (double submit). It comes in the `_csrf` form field or the `x-csrf-token` header.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The token sent with the request: the header, or the form field (urlencoded, or multipart read by src/web/multipart.ts). */
export function submittedCsrfToken(request: FastifyRequest): string | null {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object') {
    const field = body[CSRF_FIELD];
    if (typeof field === 'string') return field;
    // Bodies that hold { value } objects for fields (as @fastify/multipart's attachFieldsToBody does).
    if (field && typeof field === 'object' && typeof (field as { value?: unknown }).value === 'string') return (field as { value: string }).value;
  }
  return null;
}

export function tokensMatch(expected: string | null | undefined, given: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
