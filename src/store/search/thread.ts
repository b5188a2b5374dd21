// A search thread (see threads.ts): its own read-only connection to the SQLite file, answering search requests with
// exactly what search() answers on the calling thread.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from '../schema.js';
import { MootSqliteDialect, withStatementCache } from '../sqlite-dialect.js';
import { search } from './index.js';
import { loadRankFunction } from './sqlite-rank.js';
import type { SearchAnswer, SearchRequest } from './threads.js';

const { file } = workerData as { file: string };
const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
raw.pragma('busy_timeout = 10000');
loadRankFunction(raw);
const db = new Kysely<Database>({ dialect: new MootSqliteDialect({ database: withStatementCache(raw) }) });
const store = { db, dialect: 'sqlite' as const, description: `SQLite at ${file} (search thread)`, close: () => db.destroy() };

parentPort!.on('message', (req: SearchRequest) => {
  search(store, req.query).then(
    (results) => parentPort!.postMessage({ id: req.id, results } satisfies SearchAnswer),
    (e: unknown) => parentPort!.postMessage({ id: req.id, failed: (e as Error)?.message ?? String(e) } satisfies SearchAnswer),
  );
});
