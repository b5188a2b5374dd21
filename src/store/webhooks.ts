// Outgoing webhook endpoints (the table from migration 007) and their delivery log: each delivery is an outbox row
// whose idempotency key is "webhook:<endpoint id>:<event id>", retried with backoff by the outbox. The secret is
// kept so deliveries can be signed; it is shown to the clerk once, when the endpoint is made. An endpoint can be
// edited (address, events), switched off by hand or by the outbox when a delivery fails for good, switched on
// again, and a delivery sent again; each is audited.
import type { Actor } from '../domain/types.js';
import { newSecret } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { enqueue, type OutboxWebhook } from './outbox.js';

export interface NewWebhook {
  url: string;
  events: readonly string[];
}

export async function createWebhook(db: Queryable, actor: Actor, w: NewWebhook): Promise<{ id: number; secret: string }> {
  const secret = `whsec_${newSecret()}`;
  const row = await db.insertInto('webhook').values({ url: w.url, secret, events_json: JSON.stringify([...w.events]), active: 1, created_at: new Date().toISOString(), created_by: actor.name })
    .returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'webhook', entityId: row.id, summary: `Webhook to ${w.url} for ${w.events.join(', ')}`, after: { url: w.url, events: w.events } });
  return { id: row.id, secret };
}

/** Stops deliveries to an endpoint (queued ones still go); false when there is no such active endpoint. */
export async function disableWebhook(db: Queryable, actor: Actor, id: number, reason = `Switched off by ${actor.name}`): Promise<boolean> {
  const res = await db.updateTable('webhook').set({ active: 0, disabled_reason: reason.slice(0, 500), disabled_at: new Date().toISOString() })
    .where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  const done = Number(res.numUpdatedRows) > 0;
  if (done) await recordAudit(db, actor, { action: 'update', entity: 'webhook', entityId: id, summary: `Webhook ${id} switched off: ${reason}`, before: { active: true }, after: { active: false, reason } });
  return done;
}

/** Switches an endpoint on again; false when there is no such switched-off endpoint. */
export async function enableWebhook(db: Queryable, actor: Actor, id: number): Promise<boolean> {
  const before = await db.selectFrom('webhook').select(['disabled_reason']).where('id', '=', id).where('active', '=', 0).executeTakeFirst();
  if (!before) return false;
  await db.updateTable('webhook').set({ active: 1, disabled_reason: null, disabled_at: null }).where('id', '=', id).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'webhook', entityId: id, summary: `Webhook ${id} switched on again`, before: { active: false, reason: before.disabled_reason }, after: { active: true } });
  return true;
}

/**
 * Changes an endpoint's address and events; deliveries still waiting go to the new address. False when there is
 * no such endpoint.
 */
export async function updateWebhook(db: Queryable, actor: Actor, id: number, w: NewWebhook): Promise<boolean> {
  const before = await db.selectFrom('webhook').select(['url', 'events_json']).where('id', '=', id).executeTakeFirst();
  if (!before) return false;
  await db.updateTable('webhook').set({ url: w.url, events_json: JSON.stringify([...w.events]) }).where('id', '=', id).execute();
  if (before.url !== w.url) {
    const waiting = await db.selectFrom('outbox').select(['id', 'payload_json']).where('channel', '=', 'webhook').where('status', '=', 'pending')
      .where('idempotency_key', 'like', `webhook:${id}:%`).execute();
    for (const r of waiting) {
      const payload = { ...(JSON.parse(r.payload_json) as Record<string, unknown>), url: w.url };
      await db.updateTable('outbox').set({ recipient: w.url, payload_json: JSON.stringify(payload) }).where('id', '=', r.id).where('status', '=', 'pending').execute();
    }
  }
  await recordAudit(db, actor, { action: 'update', entity: 'webhook', entityId: id, summary: `Webhook ${id} changed: ${w.url} for ${w.events.join(', ')}`,
    before: { url: before.url, events: JSON.parse(before.events_json) as string[] }, after: { url: w.url, events: w.events } });
  return true;
}

/**
 * Queues one delivery again, as a new delivery (its own id and log line) of the same event body, to the endpoint's
 * address now, signed with its secret. Null when the endpoint has no such delivery.
 */
export async function resendWebhookDelivery(db: Queryable, actor: Actor, id: number, deliveryId: number, now: string): Promise<number | null> {
  const hook = await db.selectFrom('webhook').select(['url', 'secret']).where('id', '=', id).executeTakeFirst();
  const original = await db.selectFrom('outbox').select(['idempotency_key', 'subject', 'payload_json', 'meeting_id']).where('id', '=', deliveryId)
    .where('channel', '=', 'webhook').where('idempotency_key', 'like', `webhook:${id}:%`).executeTakeFirst();
  if (!hook || !original) return null;
  const eventId = original.idempotency_key.split(':')[2];
  const payload = { ...(JSON.parse(original.payload_json) as Record<string, unknown>), url: hook.url, secret: hook.secret };
  const key = `webhook:${id}:${eventId}:resent:${now}`;
  await enqueue(db, { idempotencyKey: key, channel: 'webhook', purpose: 'webhook', recipient: hook.url, meetingId: original.meeting_id, subject: original.subject, payload: payload as unknown as OutboxWebhook }, now);
  const row = await db.selectFrom('outbox').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'resend', entity: 'webhook', entityId: id, summary: `Webhook ${id}: delivery ${deliveryId} (${original.subject}) sent again as delivery ${row.id}`,
    after: { delivery: row.id, of: deliveryId } });
  return row.id;
}

/** The endpoint a webhook delivery belongs to, from its idempotency key ("webhook:<id>:…"). */
export function webhookIdOfDelivery(idempotencyKey: string): number | null {
  const m = /^webhook:(\d+):/.exec(idempotencyKey);
  return m ? Number(m[1]) : null;
}

/** Endpoints without their secrets. */
export function listWebhooks(db: Queryable) {
  return db.selectFrom('webhook').select(['id', 'url', 'events_json', 'active', 'created_at', 'created_by', 'disabled_reason', 'disabled_at']).orderBy('id', 'desc').execute();
}

export function getWebhook(db: Queryable, id: number) {
  return db.selectFrom('webhook').select(['id', 'url', 'events_json', 'active', 'created_at', 'created_by', 'disabled_reason', 'disabled_at']).where('id', '=', id).executeTakeFirst();
}

/** An endpoint's deliveries, newest first. */
export function webhookDeliveries(db: Queryable, id: number, limit = 200) {
  return db.selectFrom('outbox').select(['id', 'idempotency_key', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at'])
    .where('channel', '=', 'webhook').where('idempotency_key', 'like', `webhook:${id}:%`).orderBy('id', 'desc').limit(limit).execute();
}
