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
