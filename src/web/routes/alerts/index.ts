// Email alerts for anyone, without an account: ask for alerts (double opt-in), confirm, manage (frequency,
// stop one or all) from the link in every email, one-click unsubscribe (RFC 8058), and the privacy notice.
// Forms are rate-limited per address and answer the same whether or not an email address is known.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { rateLimitBackend } from '../../../services/rate-limits.js';
import { ValidationError } from '../../../errors.js';
import {
  changeFrequency, confirmSubscription, mailBaseUrl, requestSubscription, subscriberView, targetFromParams, describeTarget, unsubscribe, FREQUENCIES, type Frequency,
} from '../../../services/alerts.js';
import { getCouncil } from '../../../services/council.js';
import type { Store } from '../../../services/unit.js';
import { issuePreSessionCsrf } from '../../plugins/auth.js';
import { field, formOf, postForm } from '../../forms.js';

export interface AlertRouteOptions {
  store: Store;
  /** Subscription requests per address per 10 minutes (default 10). */
  subscribePer10Minutes?: number;
}

const TARGET_FIELDS = ['body', 'person', 'decisions', 'forwardPlan', 'taker', 'q', 'type'] as const;

function targetParams(source: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const f of TARGET_FIELDS) {
    const v = source[f];
    if (typeof v === 'string' && v.trim()) out[f] = v.trim().slice(0, 200);
  }
  return out;
}

const alerts: FastifyPluginAsync<AlertRouteOptions> = async (app, { store, subscribePer10Minutes }) => {
  await app.register(rateLimit, { global: false, ...rateLimitBackend(store) });
  const ctx = async () => ({ baseUrl: mailBaseUrl(), councilName: (await getCouncil(store.db))?.name ?? 'The council' });
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');

  const form = async (request: FastifyRequest, reply: FastifyReply, params: Record<string, string | undefined>, extra: Record<string, unknown> = {}) => {
    let label: string | null = null;
    try {
      label = await describeTarget(store.db, await targetFromParams(store.db, params));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
    }
    noStore(reply);
    return reply.render('pages/alerts/subscribe.njk', {
      pageTitle: label ? `Email alerts about ${label}` : 'Email alerts', label, params, hidden: Object.entries(params).filter(([, v]) => v),
      frequencyItems: [
        { value: 'immediate', text: 'As soon as something is published', checked: (extra.frequency ?? 'immediate') === 'immediate' },
        { value: 'daily', text: 'Once a day, in one email', checked: extra.frequency === 'daily' },
      ],
      breadcrumbs: [{ text: 'Home', href: '/' }], ...extra,
    });
  };

  app.get<{ Querystring: Record<string, string> }>('/alerts', { preHandler: issuePreSessionCsrf }, async (request, reply) =>
    form(request, reply, targetParams(request.query)));

  app.post('/alerts', { config: { rateLimit: { max: subscribePer10Minutes ?? 10, timeWindow: '10 minutes' } }, preHandler: issuePreSessionCsrf }, async (request, reply) => {
    const params = targetParams(formOf(request.body));
    const frequencyOf = (typed: Record<string, unknown>) => field(typed, 'frequency') || 'immediate';
    return postForm(request, reply, {
      fallbackField: 'email',
      // A refusal about the target (the body, person or search followed) is shown on the email box, the form's only field.
      refusal: (fe) => ({ field: fe.field === 'email' || fe.field === 'frequency' ? fe.field : 'email', text: fe.text }),
      save: async (typed) => {
        const frequency = frequencyOf(typed);
        if (!(FREQUENCIES as readonly string[]).includes(frequency)) throw new ValidationError('Choose how often to be emailed', 'frequency');
        const target = await targetFromParams(store.db, params);
        await requestSubscription(store, await ctx(), { email: field(typed, 'email'), target, frequency: frequency as Frequency });
        noStore(reply);
        // The same answer whether the address is new, waiting for confirmation or already subscribed.
        return reply.render('pages/alerts/check-email.njk', { pageTitle: 'Check your email', email: field(typed, 'email') });
      },
      rerender: (typed, errors) => form(request, reply, params, { email: field(typed, 'email'), frequency: frequencyOf(typed), ...errors, pageTitle: 'Error: Email alerts' }),
    });
  });

  app.get<{ Querystring: Record<string, string> }>('/alerts/confirm', { preHandler: issuePreSessionCsrf }, async (request, reply) => {
    noStore(reply);
    return reply.render('pages/alerts/confirm.njk', { pageTitle: 'Confirm your email alerts', token: String(request.query.token ?? '').slice(0, 100) });
  });

  app.post('/alerts/confirm', async (request, reply) => {
    const done = await confirmSubscription(store, field(request.body, 'token'));
    noStore(reply);
    if (!done) {
      reply.code(404);
      return reply.render('pages/alerts/confirm.njk', { pageTitle: 'This link has expired', expired: true });
    }
    return reply.render('pages/alerts/confirmed.njk', { pageTitle: 'Your email alerts are on', label: done.label, manageUrl: `/alerts/manage?token=${done.manageToken}` });
  });

  app.get<{ Querystring: Record<string, string> }>('/alerts/manage', { preHandler: issuePreSessionCsrf }, async (request, reply) => {
    const view = await subscriberView(store, String(request.query.token ?? ''));
    noStore(reply);
    if (!view) {
      reply.code(404);
      return reply.render('pages/alerts/manage.njk', { pageTitle: 'This link has expired', expired: true });
    }
    return reply.render('pages/alerts/manage.njk', { pageTitle: 'Manage your email alerts', view, notice: request.query.done ?? null });
  });

  app.post('/alerts/manage', { preHandler: issuePreSessionCsrf }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = field(body, 'token');
    const id = Number(field(body, 'subscription'));
    const action = field(body, 'action');
    noStore(reply);
    if (action === 'frequency' && Number.isInteger(id)) {
      if (!(await changeFrequency(store, token, id, field(body, 'frequency')))) return reply.callNotFound();
      return reply.redirect(`/alerts/manage?token=${encodeURIComponent(token)}&done=changed`, 303);
    }
    if (action === 'unsubscribe' || action === 'unsubscribe-all') {
      const r = await unsubscribe(store, token, action === 'unsubscribe-all' ? null : Number.isInteger(id) ? id : -1);
      if (!r) return reply.callNotFound();
      if (r.addressDeleted) return reply.render('pages/alerts/unsubscribed.njk', { pageTitle: 'You will get no more email alerts', addressDeleted: true });
      return reply.redirect(`/alerts/manage?token=${encodeURIComponent(token)}&done=stopped`, 303);
    }
    throw new ValidationError('choose what to change', 'action');
  });

  app.get<{ Querystring: Record<string, string> }>('/alerts/unsubscribe', async (request, reply) => {
    noStore(reply);
    const view = await subscriberView(store, String(request.query.token ?? ''));
    const s = request.query.s ? view?.subscriptions.find((x) => String(x.id) === request.query.s) : null;
    if (!view) reply.code(404);
    return reply.render('pages/alerts/unsubscribe.njk', {
      pageTitle: 'Stop email alerts', expired: !view, label: s?.label ?? null,
      action: `/alerts/unsubscribe?token=${encodeURIComponent(String(request.query.token ?? ''))}${request.query.s ? `&s=${encodeURIComponent(request.query.s)}` : ''}`,
    });
  });

  // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the URL in List-Unsubscribe. The
  // token in the URL is the authority; no cookie is used, so there is nothing to forge (no CSRF token).
  app.post<{ Querystring: Record<string, string> }>('/alerts/unsubscribe', { config: { csrfExempt: true } }, async (request, reply) => {
    noStore(reply);
    const s = request.query.s;
    const id = s === undefined || s === '' ? null : Number(s);
    const r = await unsubscribe(store, String(request.query.token ?? ''), id !== null && Number.isInteger(id) ? id : id === null ? null : -1);
    if (!r) {
      reply.code(404);
      return reply.render('pages/alerts/unsubscribe.njk', { pageTitle: 'This link has expired', expired: true });
    }
    return reply.render('pages/alerts/unsubscribed.njk', { pageTitle: 'You will get no more of these emails', addressDeleted: r.addressDeleted });
  });

  app.get('/alerts/privacy', async (_request, reply) =>
    reply.render('pages/alerts/privacy.njk', { pageTitle: 'Email alerts: privacy notice', breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Email alerts', href: '/alerts' }] }));
};

export default alerts;
