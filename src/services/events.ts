// Publication events: the service-level hook that alerts, papers to members and webhooks listen to. Publication
// (services and workspace alike, forward plan editions included) audits every publication in its own transaction; this module turns those audit
// entries into typed events and hands each batch to a consumer inside one transaction that also moves the
// consumer's cursor — so what the consumer queues (outbox rows) and the cursor commit together: no event is
// acted on twice or lost, whichever process or route published, and no route knows about alerts.
import { transaction, type Store, type Tx } from '../store/db.js';
import { lockCursor, moveCursor, publicationAudits } from '../store/events.js';

export const EVENT_TYPES = ['agenda-published', 'supplementary-published', 'minutes-published', 'minutes-approved', 'decision-published', 'forward-plan-published'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface PublicationEvent {
  /** The audit entry's id: unique and ordered. */
  id: number;
  at: string;
  type: EventType;
  meetingId: number | null;
  decisionId: number | null;
  version: number | null;
  /** A forward plan edition's number (forward-plan-published). */
  edition: number | null;
}

function toEvent(a: { id: number; at: string; action: string; entity: string; entity_id: string | null; after_json: string | null }): PublicationEvent | null {
  const ref = a.entity_id === null ? null : Number(a.entity_id);
  const after = a.after_json ? (JSON.parse(a.after_json) as { version?: number; items?: unknown; edition?: number }) : {};
  const base = { id: a.id, at: a.at, meetingId: null, decisionId: null, version: typeof after.version === 'number' ? after.version : null, edition: null };
  if (a.entity === 'meeting' && a.action === 'publish') return { ...base, type: Array.isArray(after.items) ? 'supplementary-published' : 'agenda-published', meetingId: ref };
  if (a.entity === 'minutes' && a.action === 'publish') return { ...base, type: 'minutes-published', meetingId: ref };
  if (a.entity === 'minutes' && a.action === 'approve') return { ...base, type: 'minutes-approved', meetingId: ref };
  if (a.entity === 'decision' && a.action === 'publish') return { ...base, type: 'decision-published', decisionId: ref };
  if (a.entity === 'forward_plan_edition' && a.action === 'publish' && typeof after.edition === 'number') return { ...base, type: 'forward-plan-published', edition: after.edition };
  return null;
}

export interface ConsumeOptions {
  now?: Date;
  /** How old an audit entry must be before it is read (a transaction still open may commit an earlier id). */
  settleMs?: number;
  batch?: number;
}

/**
 * Hands the consumer `name` the publication events it has not seen, in batches. `prepare` reads what it needs
 * (outside any transaction) and returns the writes to make; they run in one transaction with the cursor's move,
 * and only if no other process moved the cursor meanwhile. Returns how many events were handled.
 */
export async function consumeEvents(store: Store, name: string, prepare: (events: PublicationEvent[]) => Promise<(tx: Tx) => Promise<void>>, options: ConsumeOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const settled = new Date(now.getTime() - (options.settleMs ?? 15_000)).toISOString();
  let handled = 0;
  for (let round = 0; round < 1000; round++) {
    const from = await transaction(store.db, (tx) => lockCursor(store, tx, name, now.toISOString()));
    const audits = await publicationAudits(store.db, from, settled, options.batch ?? 100);
    if (!audits.length) return handled;
    const events = audits.map(toEvent).filter((e): e is PublicationEvent => e !== null);
    const write = await prepare(events);
    const done = await transaction(store.db, async (tx) => {
      if ((await lockCursor(store, tx, name, now.toISOString())) !== from) return false; // another process took this batch
      await write(tx);
      await moveCursor(tx, name, audits[audits.length - 1].id, now.toISOString());
      return true;
    });
    if (done) handled += events.length;
  }
  return handled;
}

/** Starts a consumer's cursor at the end of the journal now (so an existing archive is not announced). */
export async function startCursor(store: Store, name: string, now = new Date()): Promise<void> {
  await transaction(store.db, (tx) => lockCursor(store, tx, name, now.toISOString()).then(() => undefined));
}
