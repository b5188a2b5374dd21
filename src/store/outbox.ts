// The outbox's rows: enqueue (once per idempotency key), claim a batch of due messages (on PostgreSQL with
// FOR UPDATE SKIP LOCKED, so several server processes share the work without taking the same row), and record
// each attempt's outcome. A claim is a lease: a process that dies mid-send leaves the row to be claimed again
// when the lease runs out, so nothing is lost (and the message keeps its Message-ID, so nothing is doubled for
// a receiver that de-duplicates).
import { sql } from 'kysely';
import type { Queryable, Store } from './db.js';

export interface OutboxEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, List-Id). */
  headers?: Record<string, string>;
  /** Files to attach: blob SHA-256 and a name. */
  attachments?: { sha256: string; filename: string; contentType: string }[];
}

export interface OutboxWebhook {
  url: string;
  event: string;
  body: string; // JSON
  secret: string;
}

export interface NewOutboxMessage {
  idempotencyKey: string;
  channel: 'email' | 'webhook';
  purpose: string;
  recipient: string;
  meetingId?: number | null;
  subject: string;
  payload: OutboxEmail | OutboxWebhook;
  /** Not before (ISO); now by default. */
  notBefore?: string;
}

/** Queues a message unless one with the same key is already queued or sent. True when it was added. */
export async function enqueue(db: Queryable, m: NewOutboxMessage, now: string): Promise<boolean> {
  const rows = await db.insertInto('outbox').values({
    idempotency_key: m.idempotencyKey, channel: m.channel, purpose: m.purpose, recipient: m.recipient, meeting_id: m.meetingId ?? null, subject: m.subject,
    payload_json: JSON.stringify(m.payload), status: 'pending', attempts: 0, next_attempt_at: m.notBefore ?? now, locked_until: null, locked_by: null,
    last_error: null, created_at: now, sent_at: null,
  }).onConflict((oc) => oc.column('idempotency_key').doNothing()).returning('id').execute();
  return rows.length > 0;
}

export type OutboxRow = Awaited<ReturnType<typeof claimDue>>[number];

/** Takes up to `limit` due messages (pending and due, or leased by a process whose lease ran out) for `worker`. */
export async function claimDue(store: Store, worker: string, now: string, leaseUntil: string, limit: number) {
  let due = store.db.selectFrom('outbox').select('id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
    ]))
    .orderBy('next_attempt_at').orderBy('id').limit(limit);
  if (store.dialect === 'postgres') due = due.forUpdate().skipLocked();
  return store.db.updateTable('outbox').set({ status: 'sending', locked_by: worker, locked_until: leaseUntil })
    .where('id', 'in', due).returningAll().execute();
}

export async function markSent(db: Queryable, id: number, worker: string, now: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: now, locked_until: null, attempts: sql`attempts + 1` })
    .where('id', '=', id).where('locked_by', '=', worker).execute();
}

/** A failed attempt: try again at `retryAt`, or give up (status 'failed') when retryAt is null. */
export async function markFailed(db: Queryable, id: number, worker: string, error: string, retryAt: string | null): Promise<void> {
  await db.updateTable('outbox').set({
    status: retryAt ? 'pending' : 'failed', next_attempt_at: retryAt ?? sql`next_attempt_at`, locked_until: null, last_error: error.slice(0, 500), attempts: sql`attempts + 1`,
  }).where('id', '=', id).where('locked_by', '=', worker).execute();
}

/** Puts a message back without counting an attempt (the recipient's rate limit was reached). */
export async function defer(db: Queryable, id: number, worker: string, until: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'pending', next_attempt_at: until, locked_until: null })
    .where('id', '=', id).where('locked_by', '=', worker).execute();
}

/** Messages sent to each of some recipients since a time (one query for a round's recipients). */
export async function sentSinceMany(db: Queryable, recipients: string[], since: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>(recipients.map((r) => [r, 0]));
  for (let i = 0; i < recipients.length; i += 500) {
    const rows = await db.selectFrom('outbox').select(['recipient', (eb) => eb.fn.countAll<number>().as('n')])
      .where('recipient', 'in', recipients.slice(i, i + 500)).where('status', '=', 'sent').where('sent_at', '>=', since).groupBy('recipient').execute();
    for (const r of rows) counts.set(r.recipient, Number(r.n));
  }
  return counts;
}

/** What was sent (or is queued) about a meeting: the clerk's record of papers sent to members. */
export function outboxForMeeting(db: Queryable, meetingId: number, purpose: string) {
  return db.selectFrom('outbox').select(['id', 'recipient', 'subject', 'status', 'attempts', 'created_at', 'sent_at', 'last_error', 'payload_json'])
    .where('meeting_id', '=', meetingId).where('purpose', '=', purpose).orderBy('created_at', 'desc').orderBy('recipient').execute();
}

export async function outboxCounts(db: Queryable) {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}
