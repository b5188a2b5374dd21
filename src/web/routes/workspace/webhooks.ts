// Webhooks for integrations: register an endpoint for some event types (its signing secret is shown once, on the
// page that answers the form, and never again), see each endpoint's deliveries with their attempts and errors,
// edit its address and events, switch it off and on again (the outbox switches off an endpoint whose delivery
// failed for good), and send a delivery again. Deliveries go through the outbox, retried with backoff.
import type { FastifyPluginAsync } from 'fastify';
import { type WorkspaceOptions } from './common.js';
import { actor, list, paramId, postForm, str } from './form.js';
import {
  editWebhook, registerWebhook, resendDelivery, switchOffWebhook, switchOnWebhook, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, webhooks, webhookWithDeliveries,
} from '../../../services/webhooks.js';

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

  const NOTICES: Record<string, string> = { changed: 'The webhook is changed', on: 'The webhook is switched on again', resent: 'The delivery is queued to be sent again' };
  const hookPage = async (id: number, extra: Record<string, unknown> = {}) => {
    const found = await webhookWithDeliveries(store, id);
    if (!found) return null;
    return { pageTitle: `Webhook deliveries: ${found.webhook.url}`, ...found, eventLabels: WEBHOOK_EVENT_LABELS, values: { url: found.webhook.url }, eventItems: eventItems(found.webhook.events), ...extra };
  };

  app.get('/workspace/webhooks/:id', async (request, reply) => {
    const id = paramId(request);
    const done = (request.query as Record<string, string>).done;
    const data = id ? await hookPage(id, { notice: NOTICES[done] ?? null }) : null;
    if (!data) return reply.callNotFound();
    return reply.render('pages/workspace/webhook.njk', data);
  });

  // Edit: a new address (deliveries still waiting go there) and events; the same checks as registering.
  app.post('/workspace/webhooks/:id', async (request, reply) => {
    const id = paramId(request);
    if (!id || !(await webhookWithDeliveries(store, id))) return reply.callNotFound();
    return postForm(request, reply, {
      fallbackField: 'url',
      save: async (form) => {
        await editWebhook(store, actor(request), id, { url: str(form, 'url'), events: list(form, 'events') });
        return reply.redirect(`/workspace/webhooks/${id}?done=changed`, 303);
      },
      rerender: async (form, errors) => {
        const data = await hookPage(id, { pageTitle: 'Error: Webhook', values: form, eventItems: eventItems(list(form, 'events')), ...errors });
        return data ? reply.render('pages/workspace/webhook.njk', data) : reply.callNotFound();
      },
    });
  });

  app.post('/workspace/webhooks/:id/on', async (request, reply) => {
    const id = paramId(request);
    if (!id || !(await switchOnWebhook(store, actor(request), id))) return reply.callNotFound();
    return reply.redirect(`/workspace/webhooks/${id}?done=on`, 303);
  });

  app.post('/workspace/webhooks/:id/deliveries/:delivery/resend', async (request, reply) => {
    const id = paramId(request);
    const delivery = paramId(request, 'delivery');
    if (!id || !delivery || (await resendDelivery(store, actor(request), id, delivery)) === null) return reply.callNotFound();
    return reply.redirect(`/workspace/webhooks/${id}?done=resent`, 303);
  });

  app.post('/workspace/webhooks/:id/off', async (request, reply) => {
    const id = paramId(request);
    if (!id || !(await switchOffWebhook(store, actor(request), id))) return reply.callNotFound();
    return reply.redirect('/workspace/webhooks?off=1', 303);
  });
};

export default webhookRoutes;
