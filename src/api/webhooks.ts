// Webhooks through the API: Democratic Services register an endpoint (the secret is in the 201 answer only), list
// endpoints, read one's delivery log, change one's address and events, switch one off and on again, and send a
// delivery again. The same service and checks as the workspace screen.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireAction } from '../http/guards.js';
import { actorOf } from '../services/accounts.js';
import { editWebhook, registerWebhook, resendDelivery, switchOffWebhook, switchOnWebhook, WEBHOOK_EVENT_TYPES, webhooks, webhookWithDeliveries } from '../services/webhooks.js';
import type { Store } from '../services/unit.js';
import { notFound } from './http.js';
import { errorSchema, writeResponses } from './schemas.js';
import { idParams as zodIdParams, zodRoute } from './zod.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const hookSchema = { type: 'object', required: ['id', 'url', 'events', 'active'], properties: {
  id: { type: 'integer' }, url: { type: 'string' }, events: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] } }, active: { type: 'boolean' },
  createdAt: { type: 'string' }, createdBy: { type: 'string' } } } as const;

// The service checks the address (https, no credentials); the schema checks its shape and the event names.
const hookChanges = z.strictObject({
  url: z.string().trim().min(1).max(500).describe('https:// (http:// only for localhost); deliveries still waiting go to the new address'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
const deliveryParams = z.strictObject({ id: zodIdParams.shape.id, deliveryId: zodIdParams.shape.id });

const webhookRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const guard = requireAction('manage-record');

  app.get('/v1/webhooks', {
    preValidation: guard,
    schema: { tags: ['webhooks'], summary: 'Registered webhook endpoints (without their secrets)', security: bearer,
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: hookSchema } } }, ...errors } },
  }, async () => ({ items: await webhooks(store) }));

  app.post<{ Body: { url: string; events: string[] } }>('/v1/webhooks', {
    preValidation: guard,
    schema: { tags: ['webhooks'], summary: 'Register an endpoint for some event types; the answer holds its signing secret, shown this once', security: bearer,
      body: { type: 'object', required: ['url', 'events'], additionalProperties: false, properties: {
        url: { type: 'string', maxLength: 500, description: 'https:// (http:// only for localhost)' },
        events: { type: 'array', minItems: 1, items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] } } } },
      response: { 201: { type: 'object', required: ['id', 'secret', 'url'], properties: { id: { type: 'integer' }, secret: { type: 'string' }, url: { type: 'string' } } }, ...errors } },
  }, async (request, reply) => {
    const created = await registerWebhook(store, actorOf(request.account!), request.body);
    reply.code(201).header('cache-control', 'no-store').header('location', `/api/v1/webhooks/${created.id}/deliveries`);
    return { id: created.id, secret: created.secret, url: `/api/v1/webhooks/${created.id}/deliveries` };
  });

  app.get<{ Params: { id: number } }>('/v1/webhooks/:id/deliveries', {
    preValidation: guard,
    schema: { tags: ['webhooks'], summary: 'An endpoint and its deliveries, newest first: event, attempts, status, last error, when sent', security: bearer, params: idParams,
      response: { 200: { type: 'object', required: ['webhook', 'deliveries'], properties: { webhook: hookSchema, deliveries: { type: 'array', items: { type: 'object', required: ['event', 'status', 'attempts'], properties: {
        id: { type: 'integer' }, event: { type: 'string' }, eventId: { type: 'string' }, status: { type: 'string', enum: ['pending', 'sending', 'sent', 'failed'] }, attempts: { type: 'integer' },
        nextAttemptAt: { type: ['string', 'null'] }, lastError: { type: ['string', 'null'] }, queuedAt: { type: 'string' }, sentAt: { type: ['string', 'null'] } } } } } }, ...errors } },
  }, async (request, reply) => {
    const found = await webhookWithDeliveries(store, request.params.id);
    return found ?? notFound(reply, `The webhook ${request.params.id}`);
  });

  app.delete<{ Params: { id: number } }>('/v1/webhooks/:id', {
    preValidation: guard,
    schema: { tags: ['webhooks'], summary: 'Switch an endpoint off (deliveries already queued still go; its log stays)', security: bearer, params: idParams,
      response: { 204: { type: 'null', description: 'Switched off' }, ...errors } },
  }, async (request, reply) => {
    if (!(await switchOffWebhook(store, actorOf(request.account!), request.params.id))) return notFound(reply, `An active webhook ${request.params.id}`);
    return reply.code(204).send();
  });

  app.put<{ Params: { id: number }; Body: z.output<typeof hookChanges> }>('/v1/webhooks/:id', {
    preValidation: guard, ...zodRoute({ params: zodIdParams, body: hookChanges }, { tags: ['webhooks'], summary: 'Change an endpoint\u2019s address and event types (the same checks as registering; its secret stays)', security: bearer,
      response: writeResponses('The endpoint', 200) }),
  }, async (request, reply) => {
    if (!(await editWebhook(store, actorOf(request.account!), request.params.id, request.body))) return notFound(reply, `The webhook ${request.params.id}`);
    return (await webhookWithDeliveries(store, request.params.id))!.webhook;
  });

  app.post<{ Params: { id: number } }>('/v1/webhooks/:id/switch-on', {
    preValidation: guard, ...zodRoute({ params: zodIdParams }, { tags: ['webhooks'], summary: 'Switch a switched-off endpoint on again (after fixing what made its deliveries fail)', security: bearer,
      response: writeResponses('The endpoint', 200) }),
  }, async (request, reply) => {
    if (!(await switchOnWebhook(store, actorOf(request.account!), request.params.id))) return notFound(reply, `A switched-off webhook ${request.params.id}`);
    return (await webhookWithDeliveries(store, request.params.id))!.webhook;
  });

  app.post<{ Params: { id: number; deliveryId: number } }>('/v1/webhooks/:id/deliveries/:deliveryId/resend', {
    preValidation: guard, ...zodRoute({ params: deliveryParams }, { tags: ['webhooks'], summary: 'Send a delivery again, as a new delivery of the same event to the endpoint\u2019s address now', security: bearer,
      response: writeResponses('The new delivery, queued', 202) }),
  }, async (request, reply) => {
    const { id, deliveryId } = request.params;
    const queued = await resendDelivery(store, actorOf(request.account!), id, deliveryId);
    if (queued === null) return notFound(reply, `The delivery ${deliveryId} of webhook ${id}`);
    reply.code(202).header('location', `/api/v1/webhooks/${id}/deliveries`);
    return { id: queued, resendOf: deliveryId, url: `/api/v1/webhooks/${id}/deliveries` };
  });
};

export default webhookRoutes;
