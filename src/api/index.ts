// The JSON API under /api/v1, described by an OpenAPI 3.1 document at /api/openapi.json. One encapsulated plugin:
// @fastify/swagger, the error body, ETags and the multipart parser apply to these routes only. Who may do what is
// the one policy (domain/policy.ts), through the same guards and read models as the pages.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import { rateLimitBackend } from '../services/rate-limits.js';
import { tokenBodyRefusal } from '../services/token-scope.js';
import type { Store } from '../services/unit.js';
import { addErrorHandling, addEtags, addProblemDetails, addRateLimitFields } from './http.js';
import read from './read.js';
import dataRoutes, { dataWrite } from './data.js';
import write from './write.js';
import lifecycle from './lifecycle.js';
import cycle from './cycle.js';
import reviewWrites from './reviews.js';
import openData from './open-data.js';
import webhookRoutes from './webhooks.js';
import registry from './registry.js';
import agenda from './agenda.js';
import executive from './executive.js';
import ownDecisions from './own-decisions.js';
import admin from './admin.js';

export interface ApiOptions {
  store: Store;
  today?: () => string;
}

export const API_VERSION = '1.0.0';

const v1: FastifyPluginAsync<ApiOptions> = async (app, options) => {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Moot API',
        version: API_VERSION,
        description: 'Meetings, agendas, papers, minutes and decisions. Read endpoints work without a token and show what the public may see; '
          + 'with a token (Authorization: Bearer moot_…, made on the account page) they show what its user may see. Writing needs a token of Democratic Services. '
          + 'Errors are problem details (RFC 9457, application/problem+json): {type, title, status, detail} with Moot\'s {error, message, field?}. '
          + 'Lists take limit and a cursor (nextCursor of the previous page; offset also works) and give the total. '
          + 'Tokens have scopes (read; read and write) and may expire; a read-only token cannot write (403, error "insufficient-scope"). '
          + 'A token may be limited to some committees: it then changes only their meetings, items, papers, minutes, memberships, decisions and select committee reviews, '
          + 'and anything else is refused (403, error "outside-token-bodies", naming the committees).',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from /account/api-tokens' } } },
      tags: ['bodies', 'people', 'meetings', 'documents', 'decisions', 'search', 'open data', 'webhooks'].map((name) => ({ name })),
    },
  });
  addErrorHandling(app);
  addEtags(app);
  addProblemDetails(app);
  // A read-only token cannot change anything, whatever its user's role.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (request.authMethod === 'api-token' && !request.tokenScopes?.includes('write')) {
      reply.code(403).header('www-authenticate', 'Bearer realm="moot", error="insufficient_scope", scope="write"');
      return reply.send({ error: 'insufficient-scope', message: 'This API token may only read: make a token that may read and write to change the record' });
    }
  });
  // A token limited to some bodies changes only their record (the policy's tokenMayWriteTo): checked here, once for
  // every write, after the route's own guard and validation, from the record the request names.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || request.authMethod !== 'api-token') return;
    const refusal = await tokenBodyRefusal(options.store, request.viewer, request.routeOptions.url ?? request.url, (request.params ?? {}) as Record<string, unknown>, request.body);
    if (refusal) {
      reply.code(403).header('www-authenticate', 'Bearer realm="moot", error="insufficient_scope"');
      return reply.send({ error: 'outside-token-bodies', message: refusal });
    }
  });
  // Requests per minute per API token (or per address without one), counted across every process.
  const perMinute = Number(process.env.MOOT_API_RATE_LIMIT) || 1200;
  await app.register(rateLimit, {
    global: true, max: perMinute, timeWindow: 60_000, ...rateLimitBackend(options.store),
    keyGenerator: (request) => {
      const auth = request.headers.authorization;
      return auth ? `token:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip:${request.ip}`;
    },
  });
  addRateLimitFields(app, perMinute);
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not-found', message: `There is no API endpoint ${request.method} ${request.url.split('?')[0]}` }));
  await app.register(read, { store: options.store, today });
  await app.register(dataRoutes, { store: options.store });
  await app.register(openData, { store: options.store, today });
  await app.register(write, { store: options.store, today });
  await app.register(lifecycle, { store: options.store, today });
  await app.register(cycle, { store: options.store, today });
  await app.register(reviewWrites, { store: options.store, today });
  await app.register(dataWrite, { store: options.store, today });
  await app.register(webhookRoutes, { store: options.store });
  await app.register(registry, { store: options.store, today });
  await app.register(agenda, { store: options.store, today });
  await app.register(executive, { store: options.store, today });
  await app.register(ownDecisions, { store: options.store, today });
  await app.register(admin, { store: options.store, today });
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    return app.swagger();
  });
};

/** Register at the root: it mounts itself under /api. */
const api: FastifyPluginAsync<ApiOptions> = async (app, options) => {
  await app.register(v1, { ...options, prefix: '/api' });
};

export default api;
