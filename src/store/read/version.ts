// A cheap token that changes whenever the data may have changed, for caching what does not depend on the viewer.
// SQLite: changes made through this connection (total_changes) and by other connections (data_version).
// PostgreSQL: the current snapshot (xmin:xmax:in-progress), which moves with every committed write in the cluster.
import { sql } from 'kysely';
import type { Store } from '../db.js';

export async function dataVersion(store: Store): Promise<string> {
  if (store.dialect === 'sqlite') {
    const r = await sql<{ t: number; v: number }>`select total_changes() as t, (select data_version from pragma_data_version) as v`.execute(store.db);
    return `${r.rows[0].t}.${r.rows[0].v}`;
  }
  const r = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(store.db);
  return r.rows[0].s;
}

/** The newest audit entry's id (0 when there is none): where a reader of changes starts. */
export async function auditMark(store: Store): Promise<number> {
  const r = await store.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/**
 * What the record says changed after an audit entry: every change to the record writes one (the store's writers
 * call recordAudit in the same transaction), so these are the changes behind a new data version. At most `limit`.
 */
export async function changesSince(store: Store, afterId: number, limit = 100): Promise<{ id: number; entity: string; entityId: string | null }[]> {
  const rows = await store.db.selectFrom('audit_log').select(['id', 'entity', 'entity_id']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), entity: r.entity, entityId: r.entity_id }));
}
