// Outgoing webhook endpoints (the table from migration 007) and their delivery log: each delivery is an outbox row
// whose idempotency key is "webhook:<endpoint id>:<event id>", retried with backoff by the outbox. The secret is
// kept so deliveries can be signed; it is shown to the clerk once, when the endpoint is made.
import type { Actor } from '../domain/types.js';
import { newSecret } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';

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
export async function disableWebhook(db: Queryable, actor: Actor, id: number): Promise<boolean> {
  const res = await db.updateTable('webhook').set({ active: 0 }).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  const done = Number(res.numUpdatedRows) > 0;
  if (done) await recordAudit(db, actor, { action: 'update', entity: 'webhook', entityId: id, summary: `Webhook ${id} switched off`, before: { active: true }, after: { active: false } });
  return done;
}

/** Endpoints without their secrets. */
export function listWebhooks(db: Queryable) {
  return db.selectFrom('webhook').select(['id', 'url', 'events_json', 'active', 'created_at', 'created_by']).orderBy('id', 'desc').execute();
}

export function getWebhook(db: Queryable, id: number) {
  return db.selectFrom('webhook').select(['id', 'url', 'events_json', 'active', 'created_at', 'created_by']).where('id', '=', id).executeTakeFirst();
}

/** An endpoint's deliveries, newest first. */
export function webhookDeliveries(db: Queryable, id: number, limit = 200) {
  return db.selectFrom('outbox').select(['id', 'idempotency_key', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at'])
    .where('channel', '=', 'webhook').where('idempotency_key', 'like', `webhook:${id}:%`).orderBy('id', 'desc').limit(limit).execute();
}
