// Publication events read from the audit journal: every publication (agenda, supplementary pack, draft minutes,
// approved minutes, Record of Decision, forward plan edition) is audited in the same transaction as the change, so the journal is a
// durable, ordered event stream. Readers keep a cursor (event_cursor) and move it in the transaction that acts
// on the events; on PostgreSQL the cursor row is locked, so two processes never act on the same events.
import type { Queryable, Store, Tx } from './db.js';

/** Publication audits after a cursor and no later than `settledBefore` (a transaction still open then may commit an earlier id). */
export function publicationAudits(db: Queryable, afterId: number, settledBefore: string, limit: number) {
  return db.selectFrom('audit_log').select(['id', 'at', 'action', 'entity', 'entity_id', 'after_json'])
    .where('id', '>', afterId).where('at', '<=', settledBefore)
    .where((eb) => eb.or([
      eb.and([eb('action', '=', 'publish'), eb('entity', 'in', ['meeting', 'minutes', 'decision', 'forward_plan_edition'])]),
      eb.and([eb('action', '=', 'approve'), eb('entity', '=', 'minutes')]),
    ]))
    .orderBy('id').limit(limit).execute();
}

export async function lastAuditId(db: Queryable): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The cursor, created at the journal's end the first time (history is not replayed), locked for this transaction. */
export async function lockCursor(store: Store, tx: Tx, name: string, now: string): Promise<number> {
  let q = tx.selectFrom('event_cursor').select('last_id').where('name', '=', name);
  if (store.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (row) return row.last_id;
  const start = await lastAuditId(tx);
  await tx.insertInto('event_cursor').values({ name, last_id: start, updated_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
  let again = tx.selectFrom('event_cursor').select('last_id').where('name', '=', name);
  if (store.dialect === 'postgres') again = again.forUpdate();
  return (await again.executeTakeFirstOrThrow()).last_id;
}

export async function moveCursor(tx: Tx, name: string, lastId: number, now: string): Promise<void> {
  await tx.updateTable('event_cursor').set({ last_id: lastId, updated_at: now }).where('name', '=', name).execute();
}
