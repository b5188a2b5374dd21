// Cheap tokens that change whenever the data may have changed, for caching what does not depend on the viewer.
// Both are counters in change_counter (migration 021), bumped in the same transaction as the change:
// - the record's: by every audit entry (every change to the record writes one), so operational writes (rate limits,
//   job leases, the outbox, sessions) and other transactions on a shared PostgreSQL server leave it alone;
// - sign-in state's (`access`): by any write to user_session or user_account.
import { CompiledQuery, sql } from 'kysely';
import type { Queryable, Store } from '../db.js';

export interface ChangeCounts { record: string; access: string }

// Read before every public page and every signed-in request: compiled once rather than built and compiled each time.
const COUNTS = CompiledQuery.raw('select name, n from change_counter') as CompiledQuery<{ name: string; n: number | string }>;

/** Both counters, in one query. */
export async function changeCounts(store: Store): Promise<ChangeCounts> {
  const r = await store.db.executeQuery(COUNTS);
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

/** An audit entry behind a move of the record's counter: what changed (the entity and its id) and how. */
export interface RecordChangeEntry {
  entity: string;
  entityId: string | null;
  action: string;
  /** The meeting the changed row belongs to, where the audit entry says (a declaration's). */
  meetingId: string | null;
  /** A person's kind (councillor, officer…), from a person's entry. */
  personKind: string | null;
}

/**
 * The record's version now, and the audit entries behind each move of its counter after `after` (migration 032),
 * read in one statement so both come from one snapshot: every n in (after, version] is a key, its value the entries
 * that transaction wrote, or null when they are not all known (a move with no entries listed, such as the search
 * index rebuilt, or more entries than the trigger lists). At most `limit` entries: null when there were more.
 * A declaration's entry also gives the meeting its row belongs to (its entity id is the declaration's), a person's
 * entry the person's kind.
 */
export async function recordChangesAfter(store: Store, after: number, limit = 200): Promise<{ version: number; changes: Map<number, RecordChangeEntry[] | null> | null }> {
  const rows = await store.db.selectFrom('change_counter as v')
    .leftJoin('record_change as c', (j) => j.on((eb) => eb('c.n', '>', after)))
    .leftJoin('audit_log as a', 'a.id', 'c.audit_id')
    .select(['v.n as version', 'c.n as n', 'c.audit_id', 'a.entity', 'a.entity_id', 'a.action',
      sql<string | null>`case when a.entity in ('declaration', 'person') then coalesce(a.after_json, a.before_json) end`.as('detail')])
    .where('v.name', '=', 'record').orderBy('c.n').orderBy('c.audit_id').limit(limit + 1).execute();
  const version = Number(rows[0]?.version ?? 0);
  if (rows.length > limit) return { version, changes: null };
  const changes = new Map<number, RecordChangeEntry[] | null>();
  for (let n = after + 1; n <= version; n++) changes.set(n, null);
  const listed = new Map<number, RecordChangeEntry[] | null>();
  for (const r of rows) {
    if (r.n === null) continue;
    const n = Number(r.n);
    const entries = listed.has(n) ? listed.get(n)! : [];
    // No audit_id (more entries than listed) or an entry not found: what changed is not known.
    if (entries === null || r.audit_id === null || r.entity === null) listed.set(n, null);
    else {
      entries.push({ entity: r.entity, entityId: r.entity_id, action: r.action ?? '', ...detailOf(r.detail) });
      listed.set(n, entries);
    }
  }
  for (const [n, entries] of listed) if (changes.has(n)) changes.set(n, entries);
  return { version, changes };
}

/** What an entry's recorded row says of where it belongs: a declaration's meeting, a person's kind. */
function detailOf(detail: string | null): { meetingId: string | null; personKind: string | null } {
  if (!detail) return { meetingId: null, personKind: null };
  try {
    const d = JSON.parse(detail) as { meeting_id?: unknown; kind?: unknown };
    if (!d || typeof d !== 'object' || Array.isArray(d)) return { meetingId: null, personKind: null };
    return {
      meetingId: typeof d.meeting_id === 'number' || typeof d.meeting_id === 'string' ? String(d.meeting_id) : null,
      personKind: typeof d.kind === 'string' ? d.kind : null,
    };
  } catch {
    return { meetingId: null, personKind: null };
  }
}
