// Cheap tokens that change whenever the data may have changed, for caching what does not depend on the viewer.
// - the record's: the stripes of its counter (record_counter, migration 036), bumped by every audit entry's
//   transaction (every change to the record writes one), so operational writes (rate limits, job leases, the outbox,
//   sessions) and other transactions on a shared PostgreSQL server leave it alone. The version is the stripes'
//   values in stripe order, joined by dots ("17.3.9…" on PostgreSQL; one number on SQLite, which has one stripe);
// - sign-in state's (`access`): a counter in change_counter (migration 021), by any write to user_session or
//   user_account.
import { CompiledQuery, sql } from 'kysely';
import type { Queryable, Store } from '../db.js';
import { PREPARED } from '../prepared.js';
import { sharedRead } from '../shared-read.js';

export interface ChangeCounts { record: string; access: string }

// Read before every public page and every signed-in request: compiled once rather than built and compiled each time,
// and kept prepared on PostgreSQL (prepared.ts: parsed and planned once a connection; 35 us of backend CPU a read
// instead of 90-115, one connection, 4,000 reads each way). One statement, so every stripe and the access counter
// come from one snapshot.
const COUNTS_SQL = `${PREPARED} select -1 as stripe, n from change_counter where name = 'access'
  union all select stripe, n from record_counter order by 1`;
const COUNTS = CompiledQuery.raw(COUNTS_SQL) as CompiledQuery<CountRow>;
type CountRow = { stripe: number | string; n: number | string };

function countsOf(rows: readonly CountRow[]): ChangeCounts {
  const out: ChangeCounts = { record: '', access: '' };
  const stripes: string[] = [];
  for (const row of rows) {
    if (Number(row.stripe) < 0) out.access = String(row.n);
    else stripes.push(String(row.n));
  }
  out.record = stripes.join('.');
  return out;
}

/**
 * PostgreSQL: the same counters as two columns of another statement, read in its snapshot (issue 17): a search's
 * statement returns them with its rows, so the search page's versioned read of the committees needs no read of its own.
 * The values as COUNTS gives them: the stripes in order joined by dots, and the access counter.
 */
export const COUNTS_COLUMNS_PG = `(select string_agg(rc.n::text, '.' order by rc.stripe) from record_counter rc) as counts_record,
      (select cc.n::text from change_counter cc where cc.name = 'access') as counts_access`;

/** The counters from COUNTS_COLUMNS_PG's two columns. */
export function countsOfColumns(row: { counts_record: string | null; counts_access: string | null }): ChangeCounts {
  return Object.freeze({ record: row.counts_record ?? '', access: row.counts_access ?? '' });
}

/** The counters last read at once from each store, with its commit mark then (Store.commitMark). */
const lastRead = new WeakMap<Store, { mark: string; counts: ChangeCounts }>();

/** The counters last read at once, when the store's commit mark is still what it was then (nothing committed since). */
function keptCounts(store: Store, mark: string | null): ChangeCounts | undefined {
  if (mark === null) return undefined;
  const last = lastRead.get(store);
  return last?.mark === mark ? last.counts : undefined;
}

/**
 * Both versions read at once, without waiting, where the store can (SQLite outside a transaction: Store.readNow);
 * null where it cannot (PostgreSQL, a transaction open on the connection): then changeCounts. On SQLite the counters
 * are read again only when something may have been committed since the last read (its commit mark moved, issue 17):
 * every signed-in request reads them, and between two commits they cannot have changed.
 */
export function changeCountsNow(store: Store): ChangeCounts | null {
  // Taken before the counters are read: a commit in between moves the mark, so the counters kept are never older than it.
  const mark = store.commitMark?.() ?? null;
  const kept = keptCounts(store, mark);
  if (kept) return kept;
  const rows = store.readNow?.(COUNTS_SQL) as CountRow[] | null | undefined;
  if (!rows) return null;
  const counts = Object.freeze(countsOf(rows));
  if (mark !== null) lastRead.set(store, { mark, counts });
  return counts;
}

const readCounts = sharedRead((store: Store) => store.db.executeQuery(COUNTS).then((r) => Object.freeze(countsOf(r.rows))));

/**
 * Both versions, in one query, read after the call: callers that come while a read is in flight share the next one,
 * sent when it is back (shared-read.ts), never the one in flight. Under load a server's concurrent requests then cost
 * PostgreSQL one read of the counters, not one each (issue 16).
 */
export async function changeCounts(store: Store): Promise<ChangeCounts> {
  return changeCountsNow(store) ?? readCounts(store);
}

/** The record's version: moves with every change to the record. */
export async function dataVersion(store: Store): Promise<string> {
  return (await changeCounts(store)).record;
}

// The record's stripes alone, for a request that needs no more (a cached public page, on every hit): one table,
// no union or sort, about a third less than COUNTS for SQLite to run (issue 17).
const RECORD_SQL = 'select n from record_counter order by stripe';

/** The record's version read at once where the store can (as changeCountsNow), else null. */
export function dataVersionNow(store: Store): string | null {
  // Nothing committed since the counters were last read at once: the record's version is theirs.
  const kept = keptCounts(store, store.commitMark?.() ?? null);
  if (kept) return kept.record;
  const rows = store.readNow?.(RECORD_SQL) as { n: number | string }[] | null | undefined;
  if (!rows) return null;
  return rows.length === 1 ? String(rows[0].n) : rows.map((r) => String(r.n)).join('.');
}

/** The stripes' values of a record's version, or null when it is not one. */
export function recordStripes(version: string): number[] | null {
  if (!version) return null;
  const out = version.split('.').map(Number);
  return out.every((n) => Number.isSafeInteger(n) && n >= 0) ? out : null;
}

/**
 * Whether the record's version `a` is after `b`. Versions read from one database are never behind one another in one
 * stripe and ahead in another (each is read in one snapshot, and a later snapshot sees every commit an earlier one
 * saw), so the sum of the stripes orders them; a version that is not one is after nothing.
 */
export function versionAfter(a: string, b: string): boolean {
  const x = recordStripes(a);
  if (!x) return false;
  const y = recordStripes(b);
  if (!y) return true;
  return x.reduce((s, n) => s + n, 0) > y.reduce((s, n) => s + n, 0);
}

/**
 * Counts a change to what the public sees that writes no audit entry of its own because it is derived from the
 * record (the search index rebuilt): the record's caches are emptied as for any change.
 */
export async function countDerivedChange(db: Queryable): Promise<void> {
  await sql`update record_counter set n = n + 1 where stripe = 0`.execute(db);
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

/** One move of the record's counter: its stripe and the value it moved to, as a key ("stripe:n"). */
export const moveKey = (stripe: number, n: number): string => `${stripe}:${n}`;

/**
 * The record's version now (its stripes), and the audit entries behind each move of its counter after `after` (the
 * stripes of an earlier version; migrations 032, 036), read in one statement so both come from one snapshot: every
 * move (s, n) with after[s] < n <= version[s] is a key (moveKey), its value the entries that transaction wrote, or
 * null when they are not all known (a move with no entries listed, such as the search index rebuilt, or more entries
 * than the trigger lists). At most `limit` entries: null when there were more, or when `after` has not as many
 * stripes as the counter. No `after`: only the version is read.
 */
export async function recordChangesAfter(store: Store, after: readonly number[] | null, limit = 200): Promise<{ version: number[]; changes: Map<string, RecordChangeEntry[] | null> | null }> {
  // Whole numbers this process read itself, written into the statement: a bound parameter in an OR of ranges has no
  // type PostgreSQL can infer. (A listed row repeats its n as `version`: a null in the subquery would be text.)
  const ranges = (after ?? []).map((n, s) => sql`(c.stripe = ${sql.lit(s)} and c.n > ${sql.lit(Math.trunc(n))})`);
  const where = ranges.length ? sql.join(ranges, sql` or `) : sql`1 = 0`;
  const rows = (await sql<{ kind: number; stripe: number | string; version: number | string | null; n: number | string | null; audit_id: number | string | null; entity: string | null; entity_id: string | null; action: string | null; detail: string | null }>`
    select 0 as kind, v.stripe, v.n as version, null as n, null as audit_id, null as entity, null as entity_id, null as action, null as detail
      from record_counter v
    union all
    select * from (select 1 as kind, c.stripe, c.n as version, c.n, c.audit_id, a.entity, a.entity_id, a.action,
        case when a.entity in ('declaration', 'person') then coalesce(a.after_json, a.before_json) end as detail
      from record_change c left join audit_log a on a.id = c.audit_id
      where ${where} order by c.stripe, c.n, c.audit_id limit ${sql.lit(limit + 1)}) listed
    order by 1, 2, 4, 5`.execute(store.db)).rows;
  const version: number[] = [];
  for (const r of rows) if (Number(r.kind) === 0) version[Number(r.stripe)] = Number(r.version);
  const listedRows = rows.filter((r) => Number(r.kind) === 1);
  if (!after || after.length !== version.length || listedRows.length > limit) return { version, changes: after ? null : new Map() };
  const changes = new Map<string, RecordChangeEntry[] | null>();
  version.forEach((v, s) => { for (let n = after[s] + 1; n <= v; n++) changes.set(moveKey(s, n), null); });
  const listed = new Map<string, RecordChangeEntry[] | null>();
  for (const r of listedRows) {
    const key = moveKey(Number(r.stripe), Number(r.n));
    const entries = listed.has(key) ? listed.get(key)! : [];
    // No audit_id (more entries than listed) or an entry not found: what changed is not known.
    if (entries === null || r.audit_id === null || r.entity === null) listed.set(key, null);
    else {
      entries.push({ entity: r.entity, entityId: r.entity_id, action: r.action ?? '', ...detailOf(r.detail) });
      listed.set(key, entries);
    }
  }
  for (const [key, entries] of listed) if (changes.has(key)) changes.set(key, entries);
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
