// Outgoing webhooks for integrations (a council's website, a newsroom): Democratic Services register an endpoint
// and the event types it wants; the secret is shown once; every delivery is signed (HMAC-SHA256, see outbox.ts),
// retried with backoff through the outbox, and listed in the endpoint's delivery log. Webhooks carry public
// information only (services/alerts.ts builds them through the one visibility rule).
import { ValidationError } from '../errors.js';
import { EVENT_TYPES } from './events.js';
import { createWebhook, disableWebhook, getWebhook, listWebhooks, webhookDeliveries } from '../store/webhooks.js';
import type { Actor, Store } from './unit.js';
import { unitOfWork } from './unit.js';

export const WEBHOOK_EVENT_TYPES = EVENT_TYPES;

export const WEBHOOK_EVENT_LABELS: Record<(typeof EVENT_TYPES)[number], string> = {
  'agenda-published': 'An agenda is published', 'supplementary-published': 'A supplementary agenda is published', 'minutes-published': 'Draft minutes are published',
  'minutes-approved': 'Minutes are approved', 'decision-published': 'A decision is published', 'forward-plan-published': 'An edition of the forward plan is published',
};

/** Checks the address and events; an endpoint must be https (http only for this machine, for testing). */
export function checkWebhook(input: { url: unknown; events: unknown }): { url: string; events: string[] } {
  const raw = typeof input.url === 'string' ? input.url.trim() : '';
  if (!raw) throw new ValidationError('Enter the address to send events to', 'url');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ValidationError('Enter a full address starting https://', 'url');
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) throw new ValidationError('The address must start https:// (http:// only for this machine)', 'url');
  if (u.username || u.password) throw new ValidationError('Put no user name or password in the address: check the signature instead', 'url');
  if (raw.length > 500) throw new ValidationError('The address must be 500 characters or fewer', 'url');
  const list = (Array.isArray(input.events) ? input.events : typeof input.events === 'string' ? [input.events] : []).map(String);
  if (!list.length) throw new ValidationError('Choose at least one event', 'events');
  const unknown = list.filter((e) => !(EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length) throw new ValidationError(`Unknown event "${unknown[0].slice(0, 40)}": choose from ${EVENT_TYPES.join(', ')}`, 'events');
  return { url: u.toString(), events: [...new Set(list)] };
}

const create = unitOfWork(createWebhook);

export async function registerWebhook(store: Store, actor: Actor, input: { url: unknown; events: unknown }): Promise<{ id: number; secret: string }> {
  return create(store, actor, checkWebhook(input));
}

export const switchOffWebhook = unitOfWork(disableWebhook);

export interface WebhookView { id: number; url: string; events: string[]; active: boolean; createdAt: string; createdBy: string }

function view(w: { id: number; url: string; events_json: string; active: number; created_at: string; created_by: string }): WebhookView {
  return { id: w.id, url: w.url, events: JSON.parse(w.events_json) as string[], active: !!w.active, createdAt: w.created_at, createdBy: w.created_by };
}

export async function webhooks(store: Store): Promise<WebhookView[]> {
  return (await listWebhooks(store.db)).map(view);
}

export async function webhookWithDeliveries(store: Store, id: number) {
  const w = await getWebhook(store.db, id);
  if (!w) return null;
  const deliveries = (await webhookDeliveries(store.db, id)).map((d) => ({
    id: d.id, event: d.subject, eventId: d.idempotency_key.split(':')[2] ?? '', status: d.status, attempts: d.attempts, nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastError: d.last_error, queuedAt: d.created_at, sentAt: d.sent_at,
  }));
  return { webhook: view(w), deliveries };
}
