// Cheap tokens that change whenever the data may have changed, for caching what does not depend on the viewer.
// Both are counters in change_counter (migration 021), bumped in the same transaction as the change:
// - the record's: by every audit entry (every change to the record writes one), so operational writes (rate limits,
//   job leases, the outbox, sessions) and other transactions on a shared PostgreSQL server leave it alone;
// - sign-in state's (`access`): by any write to user_session or user_account.
import { sql } from 'kysely';
import type { Queryable, Store } from '../db.js';

export interface ChangeCounts { record: string; access: string }

/** Both counters, in one query. */
export async function changeCounts(store: Store): Promise<ChangeCounts> {
  const r = await sql<{ name: string; n: number | string }>`select name, n from change_counter`.execute(store.db);
  const out: ChangeCounts = { record: '', access: '' };
  for (const row of r.rows) if (row.name === 'record' || row.name === 'access') out[row.name] = String(row.n);
  return out;
}

/** The record's version: moves with every change to the record. */
export async function dataVersion(store: Store): Promise<string> {
  return (await changeCounts(store)).record;
}

/**
 * Counts a change to what the public sees that writes no audit entry of its own because it is derived from the
 * record (the search index rebuilt): the record's caches are emptied as for any change.
 */
export async function countDerivedChange(db: Queryable): Promise<void> {
  await sql`update change_counter set n = n + 1 where name = 'record'`.execute(db);
}

/** The newest audit entry's id (0 when there is none): where a reader of changes starts. */
export async function auditMark(store: Store): Promise<number> {
  const r = await store.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/**
 * What the record says changed after an audit entry: every change to the record writes one (the store's writers
 * call recordAudit in the same transaction), so these are the changes behind a new data version. At most `limit`.
 * A declaration's entry also gives the meeting its row belongs to (from the row it recorded), as its entity id is
 * the declaration's.
 */
export async function changesSince(store: Store, afterId: number, limit = 100): Promise<{ id: number; entity: string; entityId: string | null; action: string; meetingId: string | null }[]> {
  const rows = await store.db.selectFrom('audit_log')
    .select(['id', 'entity', 'entity_id', 'action', sql<string | null>`case when entity = 'declaration' then coalesce(after_json, before_json) end`.as('detail')])
    .where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), entity: r.entity, entityId: r.entity_id, action: r.action, meetingId: meetingOfDetail(r.detail) }));
}

function meetingOfDetail(detail: string | null): string | null {
  if (!detail) return null;
  try {
    const d = JSON.parse(detail) as { meeting_id?: unknown };
    return d && !Array.isArray(d) && (typeof d.meeting_id === 'number' || typeof d.meeting_id === 'string') ? String(d.meeting_id) : null;
  } catch {
    return null;
  }
}
