// The cookies the accounts layer sets: the session token, and before sign-in a double-submit CSRF token.
// httpOnly (no script can read them), SameSite=Lax (not sent on cross-site POSTs), Secure when served over HTTPS
// (trustProxy is on, so request.protocol reflects X-Forwarded-Proto from the TLS-terminating proxy).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { SESSION_ABSOLUTE_MS } from '../../services/accounts.js';

export const SESSION_COOKIE = 'moot_session';
export const PRE_SESSION_CSRF_COOKIE = 'moot_csrf';

function options(request: FastifyRequest, maxAgeSeconds: number | undefined): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: maxAgeSeconds };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, options(request, SESSION_ABSOLUTE_MS / 1000));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, options(request, undefined));
}

/** A browser session cookie (no Max-Age) holding the token a sign-in form must echo back. */
export function setPreSessionCsrfCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(PRE_SESSION_CSRF_COOKIE, token, options(request, undefined));
}

export function clearPreSessionCsrfCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(PRE_SESSION_CSRF_COOKIE, options(request, undefined));
}
