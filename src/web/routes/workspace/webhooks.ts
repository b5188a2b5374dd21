// Webhooks for integrations: register an endpoint for some event types (its signing secret is shown once, on the
// page that answers the form, and never again), see each endpoint's deliveries with their attempts and errors, and
// switch an endpoint off. Deliveries go through the outbox, retried with backoff.
import type { FastifyPluginAsync } from 'fastify';
import { type WorkspaceOptions } from './common.js';
import { actor, list, paramId, postForm, str } from './form.js';
import { registerWebhook, switchOffWebhook, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, webhooks, webhookWithDeliveries } from '../../../services/webhooks.js';

const webhookRoutes: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  const eventItems = (chosen: string[]) => WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, text: WEBHOOK_EVENT_LABELS[e], hint: { text: e }, checked: chosen.includes(e) }));
  const page = async (extra: Record<string, unknown>) => ({ pageTitle: 'Webhooks', hooks: await webhooks(store), eventItems: eventItems([]), values: {}, ...extra });

  app.get('/workspace/webhooks', async (request, reply) =>
    reply.render('pages/workspace/webhooks.njk', await page({ notice: (request.query as Record<string, string>).off ? 'The webhook is switched off' : null })));

  app.post('/workspace/webhooks', (request, reply) => {
    return postForm(request, reply, {
      fallbackField: 'url',
      save: async (form) => {
        const created = await registerWebhook(store, actor(request), { url: str(form, 'url'), events: list(form, 'events') });
        // Rendered, not redirected, and never stored by a cache: the secret is shown this once.
        reply.header('cache-control', 'no-store');
        return reply.render('pages/workspace/webhooks.njk', await page({ created: { ...created, url: str(form, 'url') } }));
      },
      rerender: async (form, errors) => reply.render('pages/workspace/webhooks.njk', await page({ pageTitle: 'Error: Webhooks', values: form, eventItems: eventItems(list(form, 'events')), ...errors })),
    });
  });

  app.get('/workspace/webhooks/:id', async (request, reply) => {
    const id = paramId(request);
    const found = id ? await webhookWithDeliveries(store, id) : null;
    if (!found) return reply.callNotFound();
    return reply.render('pages/workspace/webhook.njk', { pageTitle: `Webhook deliveries: ${found.webhook.url}`, ...found, eventLabels: WEBHOOK_EVENT_LABELS });
  });

  app.post('/workspace/webhooks/:id/off', async (request, reply) => {
    const id = paramId(request);
    if (!id || !(await switchOffWebhook(store, actor(request), id))) return reply.callNotFound();
    return reply.redirect('/workspace/webhooks?off=1', 303);
  });
};

export default webhookRoutes;
