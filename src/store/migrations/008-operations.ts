// Running several processes on one database: rate-limit counters shared by every process, a lease per scheduled
// job (so each run happens in exactly one process) and a log of job runs.
import type { Kysely } from 'kysely';
import { int, notNull, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // A fixed window per key: hits since window_ends - window. Times are milliseconds since 1970 (bigint).
  await db.schema.createTable('rate_limit')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('hits', int, notNull)
    .addColumn('window_ends', 'bigint', notNull)
    .execute();
  await db.schema.createIndex('rate_limit_window_ends').on('rate_limit').column('window_ends').execute();

  // One row per job: who holds it until when, and when it last started and finished.
  await db.schema.createTable('job_lease')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('holder', text)
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_started_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_finished_at', 'bigint')
    .execute();

  await withId(db, dialect, 'job_run')
    .addColumn('name', text, notNull)
    .addColumn('holder', text, notNull)
    .addColumn('started_at', text, notNull)
    .addColumn('finished_at', text)
    .addColumn('status', text, notNull) // 'running' | 'ok' | 'failed'
    .addColumn('summary', text)
    .execute();
  await db.schema.createIndex('job_run_name_started').on('job_run').columns(['name', 'started_at']).execute();
}
