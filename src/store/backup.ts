// Table-level access for backup, restore and copying between stores: which tables hold data, their columns,
// keys and foreign keys, reading a table in key order a batch at a time, writing rows back, and putting the
// PostgreSQL identity sequences after the restored rows. The archive format itself lives in services/backup.ts.
import { existsSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, type RawBuilder } from 'kysely';
import type { Dialect } from './migrations/helpers.js';
import type { Database } from './schema.js';
import { MootSqliteDialect } from './sqlite-dialect.js';

// Dynamic table names: the tables are discovered at run time, so the query builder works untyped here.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TableInfo {
  name: string;
  /** Columns in their declared order, without derived ones (PostgreSQL's search vector, which its trigger fills). */
  columns: string[];
  /** Primary-key columns, in key order; empty when the table has none. */
  primaryKey: string[];
  /** Columns whose values sort as text (ordered byte-wise on both databases). */
  textColumns: string[];
  foreignKeys: { column: string; references: string }[];
}

/** Tables the migrator keeps for itself: the backup records the migration names instead. */
const MIGRATION_TABLES = new Set(['moot_migration', 'moot_migration_lock']);
/**
 * Operational state, not the council's record: rate-limit counters, job leases, the job log, the change counters and
 * (PostgreSQL) a search rebuild's work space.
 */
const TRANSIENT_TABLES = new Set(['rate_limit', 'job_lease', 'job_run', 'change_counter', 'record_counter', 'record_change', 'search_tsv_stage']);
const skipped = (name: string) => MIGRATION_TABLES.has(name) || TRANSIENT_TABLES.has(name);

export async function listDataTables(db: Kysely<Database>, dialect: Dialect): Promise<TableInfo[]> {
  const d = db as unknown as AnyDb;
  if (dialect === 'sqlite') {
    const all = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'table' order by name`.execute(d);
    const virtual = all.rows.filter((t) => /^\s*create\s+virtual/i.test(t.sql ?? '')).map((t) => t.name);
    // A virtual table (full-text index) is rebuilt by its triggers as rows go in; its shadow tables are internal.
    const names = all.rows
      .map((t) => t.name)
      .filter((n) => !n.startsWith('sqlite_') && !skipped(n) && !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
    const out: TableInfo[] = [];
    for (const name of names) {
      const cols = await sql<{ name: string; type: string; pk: number; hidden: number }>`select name, type, pk, hidden from pragma_table_xinfo(${name}) order by cid`.execute(d);
      const fks = await sql<{ from: string; table: string }>`select "from", "table" from pragma_foreign_key_list(${name})`.execute(d);
      const visible = cols.rows.filter((c) => c.hidden === 0);
      out.push({
        name,
        columns: visible.map((c) => c.name),
        primaryKey: visible.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        textColumns: visible.filter((c) => /char|text|clob/i.test(c.type)).map((c) => c.name),
        foreignKeys: fks.rows.map((f) => ({ column: f.from, references: f.table })),
      });
    }
    return out;
  }
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(d);
  const cols = await sql<{ table: string; name: string; type: string; generated: string }>`select table_name as "table", column_name as name,
    data_type as type, is_generated as generated from information_schema.columns where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(d);
  const pks = await sql<{ table: string; name: string }>`select cl.relname as "table", att.attname as name
    from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
    cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
    join pg_attribute att on att.attrelid = c.conrelid and att.attnum = k.attnum
    where c.contype = 'p' and n.nspname = current_schema() order by cl.relname, k.ord`.execute(d);
  const fks = await sql<{ table: string; column: string; references: string }>`select cl.relname as "table", att.attname as "column",
    rcl.relname as "references"
    from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_class rcl on rcl.oid = c.confrelid
    join pg_namespace n on n.oid = cl.relnamespace cross join lateral unnest(c.conkey) as k(attnum)
    join pg_attribute att on att.attrelid = c.conrelid and att.attnum = k.attnum
    where c.contype = 'f' and n.nspname = current_schema()`.execute(d);
  return tables.rows
    .map((t) => t.name)
    .filter((n) => !skipped(n))
    .map((name) => {
      const mine = cols.rows.filter((c) => c.table === name && c.generated !== 'ALWAYS' && c.type !== 'tsvector');
      return {
        name,
        columns: mine.map((c) => c.name),
        primaryKey: pks.rows.filter((p) => p.table === name).map((p) => p.name),
        textColumns: mine.filter((c) => /char|text/i.test(c.type)).map((c) => c.name),
        foreignKeys: fks.rows.filter((f) => f.table === name).map((f) => ({ column: f.column, references: f.references })),
      };
    });
}

/** Tables ordered so that a table comes after the tables it refers to (where the references allow it). */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length) {
    const i = remaining.findIndex((t) => t.foreignKeys.every((f) => f.references === t.name || done.has(f.references) || !byName.has(f.references)));
    const next = remaining.splice(i === -1 ? 0 : i, 1)[0]; // a cycle: take the first; its references are deferred on restore
    done.add(next.name);
    out.push(next);
  }
  return out;
}

export async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db as unknown as AnyDb);
  return Number(r.rows[0]?.n ?? 0);
}

function orderKey(dialect: Dialect, table: TableInfo, column: string): RawBuilder<unknown> {
  return dialect === 'postgres' && table.textColumns.includes(column) ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}

/**
 * Reads a table in primary-key order (byte-wise for text keys, the same on both databases), `batch` rows at a
 * time, each row as an array of values in `table.columns` order.
 */
export async function* readTable(db: Kysely<Database>, dialect: Dialect, table: TableInfo, batch = 500): AsyncGenerator<unknown[][]> {
  const d = db as unknown as AnyDb;
  const select = sql.join(table.columns.map((c) => sql.ref(c)));
  const key = table.primaryKey.length ? table.primaryKey : table.columns;
  const order = sql.join(key.map((c) => orderKey(dialect, table, c)));
  if (!table.primaryKey.length) {
    // No key to page on: one ordered read.
    const r = await sql<Record<string, unknown>>`select ${select} from ${sql.table(table.name)} order by ${order}`.execute(d);
    if (r.rows.length) yield r.rows.map((row) => table.columns.map((c) => row[c]));
    return;
  }
  let last: unknown[] | null = null;
  for (;;) {
    const after: RawBuilder<unknown> = last
      ? sql`where (${order}) > (${sql.join(last.map((v, i) => (dialect === 'postgres' && table.textColumns.includes(key[i]) ? sql`${v} collate "C"` : sql`${v}`)))})`
      : sql``;
    const r = await sql<Record<string, unknown>>`select ${select} from ${sql.table(table.name)} ${after} order by ${order} limit ${batch}`.execute(d);
    if (!r.rows.length) return;
    yield r.rows.map((row) => table.columns.map((c) => row[c]));
    const end = r.rows[r.rows.length - 1];
    last = key.map((c) => end[c]);
    if (r.rows.length < batch) return;
  }
}

/** Inserts rows (arrays in `columns` order) in statements small enough for either database's parameter limit. */
export async function insertRows(db: Kysely<Database>, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const d = db as unknown as AnyDb;
  const perStatement = Math.max(1, Math.floor(30000 / Math.max(1, columns.length)));
  let i = 0;
  while (i < rows.length) {
    // Keep a statement under ~16 MB of values too (large files are rows of their own).
    let bytes = 0;
    let j = i;
    while (j < rows.length && j - i < perStatement && (j === i || bytes < 16 * 1024 * 1024)) {
      for (const v of rows[j]) bytes += typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.byteLength : 8;
      j++;
    }
    const values = rows.slice(i, j).map((r) => Object.fromEntries(columns.map((c, k) => [c, r[k]])));
    await d.insertInto(table).values(values).execute();
    i = j;
  }
}

/** Sets one column of one row (found by its primary key): for references put back after the rows they point to. */
export async function setColumn(db: Kysely<Database>, table: string, primaryKey: string[], key: unknown[], column: string, value: unknown): Promise<void> {
  let q = (db as unknown as AnyDb).updateTable(table).set({ [column]: value });
  primaryKey.forEach((c, i) => {
    q = q.where(c, '=', key[i]);
  });
  await q.execute();
}

/** On PostgreSQL, moves each identity/serial sequence past the highest restored key; SQLite does this itself. */
export async function resetSequences(db: Kysely<Database>, dialect: Dialect, tables: TableInfo[]): Promise<void> {
  if (dialect !== 'postgres') return;
  const d = db as unknown as AnyDb;
  for (const t of tables) {
    for (const c of t.primaryKey) {
      const seq = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${`"${t.name}"`}, ${c}) as seq`.execute(d);
      const name = seq.rows[0]?.seq;
      if (!name) continue;
      await sql`select setval(${name}, coalesce((select max(${sql.ref(c)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(d);
    }
  }
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API: pages are copied while other
 * connections keep writing (WAL); a write by another connection restarts the copy, so after the first step the
 * rest is copied in one step, which holds a read snapshot for its duration without blocking writers.
 */
export async function snapshotSqlite(file: string, dest: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`no SQLite database at ${file}`);
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    await source.backup(dest, { progress: ({ remainingPages }) => Math.max(100, remainingPages * 2) });
  } finally {
    source.close();
  }
}

/** Opens a SQLite file (a snapshot) as a read-only store handle. */
export function openSqliteFile(file: string, options: { readonly?: boolean } = {}): Kysely<Database> {
  const raw = new BetterSqlite3(file, { readonly: options.readonly ?? true, fileMustExist: true });
  return new Kysely<Database>({ dialect: new MootSqliteDialect({ database: raw }) });
}

export function removeSqliteFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** A snapshot transaction: REPEATABLE READ, read-only on PostgreSQL (every read sees one instant). */
export async function inSnapshot<T>(db: Kysely<Database>, dialect: Dialect, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') return fn(db); // a snapshot file of our own: nothing else writes to it
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}
