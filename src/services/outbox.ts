// Delivering the outbox: claim due messages (a lease), send each (email through the mailer, webhooks by signed
// HTTP POST), then mark it sent, or schedule a retry with exponential backoff and jitter, or give up after the
// last attempt. At least once: a crash after sending and before marking leaves the lease to expire and the message
// to go again with the same Message-ID / delivery id (the idempotency key), so receivers can drop the repeat.
// A recipient gets at most `perRecipientPerHour` messages an hour; the rest wait. A webhook endpoint whose delivery
// fails for good is switched off.
import { createHmac, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Mailer } from '../mail/index.js';
import type { Store } from '../store/db.js';
import { getBlob } from '../store/documents.js';
import { claimDue, defer, markFailed, markSent, sentSinceMany, type OutboxEmail, type OutboxRow, type OutboxWebhook } from '../store/outbox.js';
import { transaction } from '../store/db.js';
import { disableWebhook, webhookIdOfDelivery } from '../store/webhooks.js';

export interface DeliveryOptions {
  mailer: Mailer;
  /** Messages claimed per round (default 200). */
  batch?: number;
  /** Messages in flight at once (default 10). */
  concurrency?: number;
  /** Give up after this many attempts (default 10). */
  maxAttempts?: number;
  /** Per-recipient limit per rolling hour (default 30). */
  perRecipientPerHour?: number;
  /** Lease on a claimed message (default 5 minutes). */
  leaseMs?: number;
  /** For tests: the clock. */
  now?: () => Date;
  /** For tests: the first retry's delay (default 30 s), doubled each attempt up to 6 hours. */
  baseDelayMs?: number;
  fetch?: typeof fetch;
}

const WEBHOOK_ACTOR = { kind: 'system', id: null, name: 'webhook deliveries' } as const;

export const WORKER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export function backoffMs(attempt: number, baseMs = 30_000): number {
  const raw = Math.min(6 * 3600_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 + Math.random() * 0.2));
}

/** The signature a webhook receiver checks: HMAC-SHA256 over "timestamp.body" with the endpoint's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The right-hand side of Message-IDs: the site's host. */
function messageDomain(): string {
  try {
    return new URL(process.env.MOOT_BASE_URL ?? process.env.MOOT_PUBLIC_URL ?? '').hostname || 'moot.localhost';
  } catch {
    return 'moot.localhost';
  }
}

async function sendEmail(store: Store, mailer: Mailer, row: OutboxRow, p: OutboxEmail): Promise<void> {
  const attachments = [];
  for (const a of p.attachments ?? []) {
    const bytes = await getBlob(store.db, a.sha256);
    if (bytes) attachments.push({ filename: a.filename, content: bytes, contentType: a.contentType });
  }
  await mailer.send({
    to: p.to, subject: p.subject, text: p.text, html: p.html, headers: { 'Auto-Submitted': 'auto-generated', ...p.headers },
    messageId: `${row.idempotency_key.replace(/[^A-Za-z0-9._-]/g, '.')}@${messageDomain()}`,
    attachments: attachments.length ? attachments : undefined,
  });
}

async function sendWebhook(row: OutboxRow, p: OutboxWebhook, now: Date, doFetch: typeof fetch): Promise<void> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const res = await doFetch(p.url, {
    method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(10_000),
    headers: {
      'content-type': 'application/json', 'user-agent': 'Moot-Webhooks/1', 'x-moot-event': p.event, 'x-moot-delivery': row.idempotency_key,
      'x-moot-timestamp': timestamp, 'x-moot-signature': signWebhook(p.secret, timestamp, p.body),
    },
    body: p.body,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`the endpoint answered ${res.status}`);
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  deferred: number;
}

/** One round: claims due messages and tries each once. Returns what happened. */
export async function deliverDue(store: Store, options: DeliveryOptions): Promise<DeliveryReport> {
  const clock = options.now ?? (() => new Date());
  const now = clock();
  const worker = WORKER_ID;
  const rows = await claimDue(store, worker, now.toISOString(), new Date(now.getTime() + (options.leaseMs ?? 300_000)).toISOString(), options.batch ?? 200);
  const report: DeliveryReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0, deferred: 0 };
  const limit = options.perRecipientPerHour ?? 30;
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
  // Counted once per round for all its recipients (one query), then kept up to date as this round sends.
  const counts = await sentSinceMany(store.db, [...new Set(rows.filter((r) => r.channel === 'email').map((r) => r.recipient))], hourAgo);
  const queue = [...rows];
  const one = async (row: OutboxRow) => {
    if (row.channel === 'email') {
      const n = counts.get(row.recipient) ?? 0;
      if (n >= limit) {
        report.deferred++;
        await defer(store.db, row.id, worker, new Date(now.getTime() + 15 * 60_000).toISOString());
        counts.set(row.recipient, n);
        return;
      }
      counts.set(row.recipient, n + 1);
    }
    try {
      const payload = JSON.parse(row.payload_json) as OutboxEmail | OutboxWebhook;
      if (row.channel === 'webhook') await sendWebhook(row, payload as OutboxWebhook, now, options.fetch ?? fetch);
      else await sendEmail(store, options.mailer, row, payload as OutboxEmail);
      await markSent(store.db, row.id, worker, clock().toISOString());
      report.sent++;
    } catch (e) {
      const attempt = row.attempts + 1;
      const message = e instanceof Error ? e.message : String(e);
      if (attempt >= (options.maxAttempts ?? 10)) {
        const hookId = row.channel === 'webhook' ? webhookIdOfDelivery(row.idempotency_key) : null;
        // An endpoint that failed a delivery for good is switched off (audited), so it stops piling up failures;
        // the clerk sees why on its page, and can switch it on again and send the delivery again.
        await transaction(store.db, async (tx) => {
          await markFailed(tx, row.id, worker, message, null);
          if (hookId !== null) await disableWebhook(tx, WEBHOOK_ACTOR, hookId, `Delivery ${row.id} (${row.subject}) failed ${attempt} times: ${message}`.slice(0, 500));
        });
        report.failed++;
      } else {
        await markFailed(store.db, row.id, worker, message, new Date(now.getTime() + backoffMs(attempt, options.baseDelayMs)).toISOString());
        report.retried++;
      }
    }
  };
  // Messages to the same recipient go one after another (the count above stays right); others in parallel.
  const lanes = new Map<string, OutboxRow[]>();
  for (const r of queue) lanes.set(r.recipient, [...(lanes.get(r.recipient) ?? []), r]);
  const laneList = [...lanes.values()];
  const workers = Array.from({ length: Math.min(options.concurrency ?? 10, laneList.length) }, async () => {
    for (let lane = laneList.shift(); lane; lane = laneList.shift()) for (const r of lane) await one(r);
  });
  await Promise.all(workers);
  return report;
}

/** Delivers until nothing is due (for the CLI, tests and benchmarks). */
export async function drainOutbox(store: Store, options: DeliveryOptions, onRound?: (r: DeliveryReport) => void): Promise<DeliveryReport> {
  const total: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, deferred: 0 };
  for (;;) {
    const r = await deliverDue(store, options);
    for (const k of Object.keys(total) as (keyof DeliveryReport)[]) total[k] += r[k];
    onRound?.(total);
    if (r.claimed === 0 || r.sent + r.retried + r.failed === 0) return total;
  }
}
