// Route guards built on the one policy (src/domain/policy.ts). Use them as preHandlers:
//   app.get('/workspace/meetings', { preHandler: requireAction('manage-record') }, handler)
//   app.get('/papers/:slug', { preHandler: requireAction('view', (req) => resourceOfPaper(req)) }, handler)
// Nobody signed in → pages redirect to the sign-in page (with ?next= back here), /api/* answers JSON 401.
// Signed in but not allowed → 403 (an HTML page, or JSON under /api/*).
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { can, type Action, type Resource } from '../domain/policy.js';
import { errorPage } from './error-page.js';

export type ResourceFn = (request: FastifyRequest) => Resource | null | Promise<Resource | null>;

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Sends the refusal: 401 (or the sign-in redirect) for the public, 403 for a signed-in user. */
export function deny(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const signedIn = request.viewer.kind === 'user';
  if (isApi(request)) {
    reply.code(signedIn ? 403 : 401);
    if (!signedIn) reply.header('www-authenticate', 'Bearer realm="moot"');
    return reply.send(signedIn ? { error: 'forbidden', message: 'You do not have permission to do this' } : { error: 'unauthorised', message: 'Sign in or send an API token (Authorization: Bearer …)' });
  }
  if (!signedIn) {
    // Only GET pages are worth returning to; after a refused POST go back to the account page.
    const next = request.method === 'GET' ? request.url : '/account';
    return reply.redirect(`/account/sign-in?next=${encodeURIComponent(next)}`, 303);
  }
  return errorPage(reply, 403, {
    pageTitle: 'You do not have permission',
    heading: 'You do not have permission to see this page',
    message: 'If you think you should, ask Democratic Services to check your account.',
  });
}

export const requireUser: preHandlerAsyncHookHandler = async function (request, reply) {
  if (request.viewer.kind !== 'user') return deny(request, reply);
};

/**
 * Allows the request when can(viewer, action, resource) holds. resourceFn describes the thing asked for (it may
 * throw NotFoundError for a missing record); without it the action is checked with no resource.
 */
export function requireAction(action: Action, resourceFn?: ResourceFn): preHandlerAsyncHookHandler {
  return async function (request, reply) {
    const resource = resourceFn ? await resourceFn(request) : null;
    if (!can(request.viewer, action, resource)) return deny(request, reply);
  };
}
