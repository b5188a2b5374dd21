// Outgoing webhooks for integrations (a council's website, a newsroom): Democratic Services register an endpoint
// and the event types it wants; the secret is shown once; every delivery is signed (HMAC-SHA256, see outbox.ts),
// retried with backoff through the outbox, and listed in the endpoint's delivery log. Webhooks carry public
// information only (services/alerts.ts builds them through the one visibility rule). An endpoint can be edited,
// switched off (by hand, or by the outbox when a delivery fails for good) and on again, and a delivery sent again.
import { ValidationError } from '../errors.js';
import { EVENT_TYPES } from './events.js';
import { createWebhook, disableWebhook, enableWebhook, getWebhook, listWebhooks, resendWebhookDelivery, updateWebhook, webhookDeliveries } from '../store/webhooks.js';
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

export const switchOffWebhook = unitOfWork((db, actor: Actor, id: number) => disableWebhook(db, actor, id));

/** Switches a switched-off endpoint on again (after fixing what made it fail); false when there is none. */
export const switchOnWebhook = unitOfWork(enableWebhook);

const update = unitOfWork(updateWebhook);

/** Changes an endpoint's address and events (the same checks as registering); false when there is no such endpoint. */
export async function editWebhook(store: Store, actor: Actor, id: number, input: { url: unknown; events: unknown }): Promise<boolean> {
  return update(store, actor, id, checkWebhook(input));
}

const resend = unitOfWork((db, actor: Actor, id: number, deliveryId: number) => resendWebhookDelivery(db, actor, id, deliveryId, new Date().toISOString()));

/** Sends a delivery again as a new delivery of the same event; null when the endpoint has no such delivery. */
export async function resendDelivery(store: Store, actor: Actor, id: number, deliveryId: number): Promise<number | null> {
  return resend(store, actor, id, deliveryId);
}

export interface WebhookView { id: number; url: string; events: string[]; active: boolean; createdAt: string; createdBy: string; disabledReason: string | null; disabledAt: string | null }

function view(w: { id: number; url: string; events_json: string; active: number; created_at: string; created_by: string; disabled_reason: string | null; disabled_at: string | null }): WebhookView {
  return { id: w.id, url: w.url, events: JSON.parse(w.events_json) as string[], active: !!w.active, createdAt: w.created_at, createdBy: w.created_by,
    disabledReason: w.active ? null : w.disabled_reason, disabledAt: w.active ? null : w.disabled_at };
}

export async function webhooks(store: Store): Promise<WebhookView[]> {
  return (await listWebhooks(store.db)).map(view);
}

export async function webhookWithDeliveries(store: Store, id: number) {
  const w = await getWebhook(store.db, id);
  if (!w) return null;
  const deliveries = (await webhookDeliveries(store.db, id)).map((d) => ({
    id: d.id, event: d.subject, eventId: d.idempotency_key.split(':')[2] ?? '', resent: d.idempotency_key.includes(':resent:'), status: d.status, attempts: d.attempts, nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastError: d.last_error, queuedAt: d.created_at, sentAt: d.sent_at,
  }));
  return { webhook: view(w), deliveries };
}
