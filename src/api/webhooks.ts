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
import { errorSchema } from './schemas.js';
import { idParams, jsonSchemaOf, zodRoute } from './zod.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const TAG = 'webhooks';
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

// Requests: one zod schema per part both checks the request and documents it (zod.ts). The service checks the
// address (https, no credentials); the schema checks its shape and the event names. Registering and changing an
// endpoint take the same fields.
const hookFields = z.strictObject({
  url: z.string().trim().min(1).max(500).describe('https:// (http:// only for localhost); on a change, deliveries still waiting go to the new address'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
const deliveryParams = z.strictObject({ id: idParams.shape.id, deliveryId: idParams.shape.id });

// Answers, documented from zod too (the service's WebhookView and delivery log).
const webhookView = z.object({
  id: z.number().int(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENT_TYPES)), active: z.boolean(),
  createdAt: z.string(), createdBy: z.string(),
  disabledReason: z.string().nullable().describe('Why it was switched off (by the clerk, or after a failed delivery)'), disabledAt: z.string().nullable(),
});
const deliveryView = z.object({
  id: z.number().int(), event: z.string(), eventId: z.string(), resent: z.boolean().describe('A delivery sent again by the clerk'),
  status: z.enum(['pending', 'sending', 'sent', 'failed']), attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(), lastError: z.string().nullable(), queuedAt: z.string(), sentAt: z.string().nullable(),
});
const answer = (status: number, description: string, schema: z.ZodType) => ({ [status]: { ...jsonSchemaOf(schema), description }, ...errors });

const webhookRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const guard = requireAction('manage-record');

  app.get('/v1/webhooks', {
    preValidation: guard, ...zodRoute({}, { tags: [TAG], summary: 'Registered webhook endpoints (without their secrets)', security: bearer,
      response: answer(200, 'The endpoints', z.object({ items: z.array(webhookView) })) }),
  }, async () => ({ items: await webhooks(store) }));

  app.post<{ Body: z.output<typeof hookFields> }>('/v1/webhooks', {
    preValidation: guard, ...zodRoute({ body: hookFields }, { tags: [TAG], summary: 'Register an endpoint for some event types; the answer holds its signing secret, shown this once', security: bearer,
      response: answer(201, 'The endpoint\u2019s id, its signing secret and its delivery log\u2019s address', z.object({ id: z.number().int(), secret: z.string(), url: z.string() })) }),
  }, async (request, reply) => {
    const created = await registerWebhook(store, actorOf(request.account!), request.body);
    reply.code(201).header('cache-control', 'no-store').header('location', `/api/v1/webhooks/${created.id}/deliveries`);
    return { id: created.id, secret: created.secret, url: `/api/v1/webhooks/${created.id}/deliveries` };
  });

  app.get<{ Params: { id: number } }>('/v1/webhooks/:id/deliveries', {
    preValidation: guard, ...zodRoute({ params: idParams }, { tags: [TAG], summary: 'An endpoint and its deliveries, newest first: event, attempts, status, last error, when sent', security: bearer,
      response: answer(200, 'The endpoint and its delivery log', z.object({ webhook: webhookView, deliveries: z.array(deliveryView) })) }),
  }, async (request, reply) => {
    const found = await webhookWithDeliveries(store, request.params.id);
    return found ?? notFound(reply, `The webhook ${request.params.id}`);
  });

  app.delete<{ Params: { id: number } }>('/v1/webhooks/:id', {
    preValidation: guard, ...zodRoute({ params: idParams }, { tags: [TAG], summary: 'Switch an endpoint off (deliveries already queued still go; its log stays)', security: bearer,
      response: answer(204, 'Switched off', z.null()) }),
  }, async (request, reply) => {
    if (!(await switchOffWebhook(store, actorOf(request.account!), request.params.id))) return notFound(reply, `An active webhook ${request.params.id}`);
    return reply.code(204).send();
  });

  app.put<{ Params: { id: number }; Body: z.output<typeof hookFields> }>('/v1/webhooks/:id', {
    preValidation: guard, ...zodRoute({ params: idParams, body: hookFields }, { tags: [TAG], summary: 'Change an endpoint\u2019s address and event types (the same checks as registering; its secret stays)', security: bearer,
      response: answer(200, 'The endpoint', webhookView) }),
  }, async (request, reply) => {
    if (!(await editWebhook(store, actorOf(request.account!), request.params.id, request.body))) return notFound(reply, `The webhook ${request.params.id}`);
    return (await webhookWithDeliveries(store, request.params.id))!.webhook;
  });

  app.post<{ Params: { id: number } }>('/v1/webhooks/:id/switch-on', {
    preValidation: guard, ...zodRoute({ params: idParams }, { tags: [TAG], summary: 'Switch a switched-off endpoint on again (after fixing what made its deliveries fail)', security: bearer,
      response: answer(200, 'The endpoint', webhookView) }),
  }, async (request, reply) => {
    if (!(await switchOnWebhook(store, actorOf(request.account!), request.params.id))) return notFound(reply, `A switched-off webhook ${request.params.id}`);
    return (await webhookWithDeliveries(store, request.params.id))!.webhook;
  });

  app.post<{ Params: { id: number; deliveryId: number } }>('/v1/webhooks/:id/deliveries/:deliveryId/resend', {
    preValidation: guard, ...zodRoute({ params: deliveryParams }, { tags: [TAG], summary: 'Send a delivery again, as a new delivery of the same event to the endpoint\u2019s address now', security: bearer,
      response: answer(202, 'The new delivery, queued', z.object({ id: z.number().int(), resendOf: z.number().int(), url: z.string() })) }),
  }, async (request, reply) => {
    const { id, deliveryId } = request.params;
    const queued = await resendDelivery(store, actorOf(request.account!), id, deliveryId);
    if (queued === null) return notFound(reply, `The delivery ${deliveryId} of webhook ${id}`);
    reply.code(202).header('location', `/api/v1/webhooks/${id}/deliveries`);
    return { id: queued, resendOf: deliveryId, url: `/api/v1/webhooks/${id}/deliveries` };
  });
};

export default webhookRoutes;
