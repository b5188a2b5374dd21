// SQLite through better-sqlite3, with transactions that take the write lock at BEGIN: a deferred transaction
// that reads first and writes later can fail with SQLITE_BUSY under concurrent writers instead of waiting.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';

/**
 * For a connection whose busy_timeout is 0: a statement outside a transaction that finds another process holding the
 * write lock (SQLITE_BUSY) is run again after the event loop's other work, then every millisecond, for up to `ms`,
 * rather than SQLite's busy handler sleeping 1, 2, 5… ms in the calling thread, which holds every request of the
 * process meanwhile. A statement outside a transaction that fails busy has changed nothing, so it can run again.
 */
export interface BusyRetry {
  ms: number;
  inTransaction: () => boolean;
}

class ImmediateSqliteDriver extends SqliteDriver {
  #retrying: DatabaseConnection | undefined;
  constructor(config: SqliteDialectConfig, private readonly busy?: BusyRetry) {
    super(config);
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    if (!this.busy) return connection;
    const { ms, inTransaction } = this.busy;
    this.#retrying ??= {
      async executeQuery(query) {
        const deadline = Date.now() + ms;
        for (let tries = 0; ; tries++) {
          try {
            return await connection.executeQuery(query);
          } catch (e) {
            if (!/^SQLITE_BUSY/.test(String((e as { code?: unknown }).code)) || inTransaction() || Date.now() >= deadline) throw e;
            await (tries < 3 ? nextTurn() : sleep(1));
          }
        }
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    return this.#retrying;
  }
}

export class MootSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig, private readonly busy?: BusyRetry) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.busy);
  }
}

/**
 * Kysely prepares every query afresh; preparing costs more than running most of Moot's small queries. This keeps
 * prepared statements by their SQL text (queries are parameterised, so the set of texts is small), least recently
 * used dropped first. Safe because Kysely runs one query at a time on the connection. `onWrite` is called for each
 * statement that may write (not sqlite3_stmt_readonly), as it is prepared: Kysely runs it at once, in the same turn.
 */
export function withStatementCache(db: SqliteDatabase, capacity = 1000, onWrite?: () => void): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      if (onWrite && !(stmt as SqliteStatement & { readonly?: boolean }).readonly) onWrite();
      return stmt;
    },
  };
}
