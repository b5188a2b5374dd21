// Opens the store: SQLite in the data directory by default, PostgreSQL when DATABASE_URL is set.
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { PoolClient } from 'pg';
import type { MootConfig } from '../config.js';
import { MootError } from '../errors.js';
import { migrateToLatest, checkNotNewer } from './migrate.js';
import type { Dialect } from './migrations/helpers.js';
import type { Database } from './schema.js';
import { MAX_PREPARED_PER_CONNECTION, PREPARED } from './prepared.js';
import { MootSqliteDialect, withStatementCache } from './sqlite-dialect.js';
import { loadRankFunction } from './search/sqlite-rank.js';
import { startSearchThreads, type SearchThreads } from './search/threads.js';

export type { Dialect };
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the store's handle or an open transaction. */
export type Queryable = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: Dialect;
  /** "SQLite at data/moot.sqlite" or "PostgreSQL at host/db" (no password). */
  description: string;
  /** The SQLite database file (absent on PostgreSQL): backups copy it through SQLite's online backup API. */
  file?: string;
  /** PostgreSQL's connection pool: connections open, idle, and requests waiting for one. */
  pool?: () => { total: number; idle: number; waiting: number };
  /**
   * SQLite: runs a read-only statement at once on the store's connection and gives its rows, or null while a
   * transaction is open on that connection (then read through `db`, which waits its turn). better-sqlite3 is
   * synchronous, so nothing can interleave with the read; it spares the one read every request makes (the change
   * counters, read/version.ts) the driver's promises and connection lock. Absent on PostgreSQL.
   */
  readNow?: (sql: string) => unknown[] | null;
  /**
   * SQLite: a mark that is the same as when last taken only if nothing was committed to the database since, by this
   * connection (a statement that may write was run on it) or by any other (PRAGMA data_version moved), or null where
   * it cannot tell at once (a transaction open on the connection, or the connection busy): then read again. Taking it
   * costs less than reading a table (read/version.ts keeps the change counters by it). Absent on PostgreSQL.
   */
  commitMark?: () => string | null;
  /** SQLite: worker threads with read-only connections that run searches off the event loop (search/threads.ts). */
  searchThreads?: SearchThreads;
  /**
   * SQLite: the connection rate limits are counted on (store/operations.ts), to a file of their own beside the
   * database (COUNTERS_FILE), opened on first use. Any commit to the database file makes every other connection to it
   * drop its whole page cache before its next read (SQLite's WAL), so a counter written there on every search (several
   * processes count in the database) emptied the search threads' caches for every search: they read the pages of the
   * next search from the file again (about 117 reads and 460 KB a search on the portal bench's mix). A commit to the
   * counters' file leaves them alone. Absent on PostgreSQL, where the counters are an unlogged table of the database.
   */
  counters?: () => Db;
  /**
   * SQLite: runs the writing statement `sql` once for each row of parameters, all in one write transaction on the
   * counters' connection (Store.counters), at once, and gives each run's first row (as an array of its columns); or
   * null, having changed nothing, when another connection holds the counters' write lock or a transaction is open on
   * this one: then try again later. The rate-limit counts of an event-loop turn are one commit so
   * (rate-limit-count.ts), run without Kysely building, compiling and queueing each. Absent on PostgreSQL.
   */
  writeCountersNow?: (sql: string, rows: unknown[][]) => unknown[][] | null;
  close(): Promise<void>;
}

let pgLoaded: Promise<typeof import('pg').default> | undefined;

/**
 * The PostgreSQL driver, loaded when a PostgreSQL store is first opened: a server on SQLite never needs it, and
 * imported at start it was in every server process's memory (issue 17).
 */
function loadPg(): Promise<typeof import('pg').default> {
  return (pgLoaded ??= import('pg').then(({ default: pg }) => {
    // PostgreSQL returns bigint (count(*), sums) as strings; Moot's counts fit in a JS number.
    pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));
    pg.types.setTypeParser(1700, (v: string) => Number.parseFloat(v));
    return pg;
  }));
}

export const SQLITE_FILE = 'moot.sqlite';
/**
 * SQLite: the rate-limit counters, beside the database (Store.counters). Transient, as the counters are in the
 * database (backups leave them out): written without waiting for the disk, and made again if deleted.
 */
export const COUNTERS_FILE = 'moot-counters.sqlite';

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new MootError(`cannot create the data directory ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      hint: 'Choose a writable directory with --data DIR or MOOT_DATA',
    });
  }
  if (!statSync(dir).isDirectory()) throw new MootError(`the data directory ${dir} is not a directory`, { hint: 'Choose another with --data DIR or MOOT_DATA' });
  try {
    accessSync(dir, constants.W_OK);
    // A directory with no write permission bits is read-only by intent, even for root (who could write anyway).
    if ((statSync(dir).mode & 0o222) === 0) throw new Error('read-only');
  } catch {
    throw new MootError(`the data directory ${dir} is read-only`, { hint: 'Make it writable, or choose another with --data DIR or MOOT_DATA' });
  }
}

function openSqlite(config: MootConfig): Store {
  ensureWritableDir(config.dataDir);
  const file = join(config.dataDir, SQLITE_FILE);
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 10000');
    raw.pragma('synchronous = NORMAL');
    loadRankFunction(raw);
  } catch (e) {
    throw new MootError(`cannot open the SQLite database ${file}: ${(e as Error).message}`, {
      hint: 'Check the file is a Moot database and the directory is writable',
    });
  }
  // Statements that may write, run on this connection: PRAGMA data_version sees only other connections' commits.
  let writes = 0;
  const db = new Kysely<Database>({ dialect: new MootSqliteDialect({ database: withStatementCache(raw, undefined, () => { writes++; }) }) });
  const searchThreads = startSearchThreads(file) ?? undefined;
  let counters: Db | undefined;
  let countersRaw: BetterSqlite3.Database | undefined;
  const openCounters = (): Db => {
    if (counters) return counters;
    const c = (countersRaw = new BetterSqlite3(join(config.dataDir, COUNTERS_FILE)));
    c.pragma('busy_timeout = 10000'); // first: another process may be creating the file and its table
    c.pragma('journal_mode = WAL');
    c.pragma('synchronous = OFF'); // lost in a crash at worst, as PostgreSQL's unlogged table of them
    // The database's rate_limit table (migration 008), as it is.
    c.exec(`create table if not exists rate_limit (key text primary key, hits integer not null, window_ends bigint not null);
      create index if not exists rate_limit_window_ends on rate_limit (window_ends)`);
    // Every rate-limited request writes here, from every process: one that finds another's write lock tries again
    // after the event loop's other work instead of sleeping in it (1 ms at least; measured with two processes
    // counting: 2.5% of counts, each holding all of its process's requests).
    c.pragma('busy_timeout = 0');
    const busy = { ms: 10_000, inTransaction: () => c.inTransaction };
    return (counters = new Kysely<Database>({ dialect: new MootSqliteDialect({ database: withStatementCache(c) }, busy) }));
  };
  const countersStatements = new Map<string, BetterSqlite3.Statement>();
  const countersStatement = (c: BetterSqlite3.Database, text: string): BetterSqlite3.Statement => {
    let stmt = countersStatements.get(text);
    if (!stmt) {
      stmt = c.prepare(text);
      if (stmt.reader) stmt.raw(true); // a writer with RETURNING reads too; any other writer is only run
      if (countersStatements.size < 20) countersStatements.set(text, stmt);
    }
    return stmt;
  };
  const writeCountersNow = (text: string, rows: unknown[][]): unknown[][] | null => {
    openCounters();
    const c = countersRaw as BetterSqlite3.Database;
    if (!c.open) throw new Error('the store is closed');
    if (c.inTransaction) return null;
    const stmt = countersStatement(c, text);
    try {
      countersStatement(c, 'begin immediate').run();
    } catch (e) {
      // busy_timeout is 0 on this connection: another process is counting at this moment.
      if (/^SQLITE_BUSY/.test(String((e as { code?: unknown }).code))) return null;
      throw e;
    }
    try {
      const out = rows.map((params) => (stmt.reader ? stmt.get(...params) as unknown[] : (stmt.run(...params), [])));
      countersStatement(c, 'commit').run();
      return out;
    } catch (e) {
      if (c.inTransaction) countersStatement(c, 'rollback').run();
      throw e;
    }
  };
  const readers = new Map<string, BetterSqlite3.Statement>();
  const readNow = (text: string): unknown[] | null => {
    if (raw.inTransaction || !raw.open) return null;
    let stmt = readers.get(text);
    if (!stmt) {
      stmt = raw.prepare(text);
      if (!stmt.reader) throw new Error('readNow runs statements that read');
      if (readers.size < 20) readers.set(text, stmt);
    }
    try {
      return stmt.all();
    } catch (e) {
      // The connection busy with a statement being iterated (a stream): read through db instead. Anything else is a
      // real failure and is not hidden.
      if (e instanceof TypeError && /busy/i.test(e.message)) return null;
      throw e;
    }
  };
  const dataVersion = raw.prepare('PRAGMA data_version').pluck();
  const commitMark = (): string | null => {
    if (raw.inTransaction || !raw.open) return null;
    try {
      return `${dataVersion.get() as number}.${writes}`;
    } catch (e) {
      if (e instanceof TypeError && /busy/i.test(e.message)) return null;
      throw e;
    }
  };
  return {
    db, dialect: 'sqlite', description: `SQLite at ${file}`, file, searchThreads, readNow, commitMark, counters: openCounters, writeCountersNow,
    close: async () => {
      await searchThreads?.close();
      await counters?.destroy();
      countersRaw?.close(); // Kysely closes it only if it ran a statement on it (writeCountersNow does not go through it)
      await db.destroy();
    },
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? ':' + u.port : ''}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/**
 * Runs the statements marked PREPARED (prepared.ts) as named prepared statements of this connection, named by a hash
 * of their text: PostgreSQL parses and plans each once per connection instead of on every run (planning was a fifth
 * of a search's backend CPU, more for rare words). Up to MAX_PREPARED_PER_CONNECTION texts a connection.
 */
function keepPrepared(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Set<string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(PREPARED) || !Array.isArray(rest[0])) return query(text, ...rest);
    const name = `moot_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    if (!names.has(name)) {
      if (names.size >= MAX_PREPARED_PER_CONNECTION) return query(text, ...rest);
      names.add(name);
    }
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  };
}

/**
 * Connections a process keeps to PostgreSQL: MOOT_DB_POOL, else 4 shared among the server's processes (`moot serve
 * --workers N` gives each MOOT_WORKERS), at least 2 a process. Every process of a deployment has its own pool, so
 * processes × pool must stay under the server's max_connections (docs/deploy.md). Small on purpose: on two cores, 20
 * searches at once were answered faster through 4 connections than through 10 (backends taking turns rather than
 * contending; p95 50-54 ms against 60-65), the ops mix and the demo load unchanged; with two processes of 4 each, the
 * 8 backends cost 10-14% more CPU a search than 4 (docs/benchmarks.md, issue 17).
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.MOOT_DB_POOL?.trim();
  if (!given) {
    const workers = Number(env.MOOT_WORKERS);
    return Number.isInteger(workers) && workers > 1 ? Math.max(2, Math.ceil(4 / workers)) : 4;
  }
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new MootError(`MOOT_DB_POOL must be a whole number from 1 to 200, not "${given.slice(0, 20)}"`);
  return n;
}

/**
 * How long a pool connection may sit idle before it is closed: 5 minutes, not pg's 10 s. A connection's prepared
 * statements (keepPrepared) and their plans die with it, so with pg's default every pause of 10 s in a server's traffic
 * (a council's public search, most of the day) cost the next searches a new connection, and each statement shape
 * its parse and five custom plans again (0.4 ms or more each at load against 0.02 for the kept generic plan; issue 17).
 * Idle connections do not keep a process from exiting (allowExitOnIdle), so a command that ends sooner is not held.
 */
export const POOL_IDLE_MS = 5 * 60_000;

async function openPostgres(url: string): Promise<Store> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new MootError(`DATABASE_URL is not a PostgreSQL URL (it should start with postgres://)`, { hint: 'Example: postgres://user@127.0.0.1:5432/moot' });
  }
  const where = describeUrl(url);
  const pg = await loadPg();
  const pool = new pg.Pool({ connectionString: url, max: poolSize(), connectionTimeoutMillis: 5000, idleTimeoutMillis: POOL_IDLE_MS, allowExitOnIdle: true });
  pool.on('error', () => { /* idle client errors surface on the next query */ });
  // A connection dropped while a query holds it (the server restarting) fails that query; without a listener the
  // client's own 'error' event would also end the process.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    keepPrepared(client);
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    const err = e as NodeJS.ErrnoException & { code?: string };
    const reason =
      err.code === 'ECONNREFUSED' ? 'the connection was refused'
      : err.code === 'ENOTFOUND' ? 'the host was not found'
      : err.code === '3D000' ? 'the database does not exist'
      : err.code === '28P01' || err.code === '28000' ? 'the user or password was rejected'
      : err.message || String(e);
    throw new MootError(`cannot connect to PostgreSQL at ${where}: ${reason}`, {
      hint: 'Check DATABASE_URL and that the server is running, or unset DATABASE_URL to use the embedded SQLite database',
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const stats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { db, dialect: 'postgres', description: `PostgreSQL at ${where}`, pool: stats, close: () => db.destroy() };
}

/** Opens the store and brings its schema up to date (or only checks it, with migrate: false). */
export async function openStore(config: MootConfig, options: { migrate?: boolean } = {}): Promise<Store> {
  const store = config.databaseUrl ? await openPostgres(config.databaseUrl) : openSqlite(config);
  try {
    if (options.migrate === false) await checkNotNewer(store.db as never);
    else await migrateToLatest(store.db as never, store.dialect);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** Whether the database answers (a trivial query), for readiness checks. */
export async function pingStore(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}

/** Runs fn in one transaction: all its writes land together or not at all. */
export function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * A bulk load's session (the demonstration council): `fn` gets the store with every query on one connection of its
 * own, on which no commit waits for PostgreSQL's write-ahead log to reach the disk (synchronous_commit off for that
 * connection, set back before it returns to the pool). It covers the load's own transactions and the services the
 * load calls, each still one transaction with its audit entry, landing together or not at all: a crash of the machine
 * may lose the load's last transactions, never leave one half-written. That is the durability SQLite has in WAL mode
 * with synchronous = NORMAL, which Moot uses, so on SQLite this is the store itself. Waiting for the disk at each of
 * the ten-year demo's ~1,500 commits was most of what PostgreSQL took over SQLite. A load that fails is run again
 * from the start; the server's writes, on the pool's other connections, keep full durability.
 */
export async function bulkLoadSession<T>(store: Store, fn: (session: Store) => Promise<T>): Promise<T> {
  if (store.dialect !== 'postgres') return fn(store);
  return store.db.connection().execute(async (conn) => {
    await sql`SET synchronous_commit TO OFF`.execute(conn);
    try {
      return await fn({ ...store, db: conn });
    } finally {
      await sql`RESET synchronous_commit`.execute(conn);
    }
  });
}

/**
 * Whether an error means the database cannot be reached or is restarting (connection refused or dropped, server
 * shutting down or starting, too many connections, SQLite busy): the request should fail with 503 and be retried,
 * not be reported as a fault in Moot.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  const code = String(err.code ?? '');
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'SQLITE_BUSY', 'SQLITE_LOCKED'].includes(code)) return true;
  if (/^(08|57P|53)/.test(code)) return true; // connection exception, operator intervention, insufficient resources
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/i.test(err.message ?? '');
}
