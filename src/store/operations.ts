// State shared by every process on one database: rate-limit counters, scheduled jobs' leases and their run log,
// and the purge of personal data that may be deleted once it has expired. Each change is one atomic statement,
// so any number of processes can call these at once.
import { sql } from 'kysely';
import type { Dialect, Queryable } from './db.js';
import { countHits, type RateLimitCount } from './rate-limit-count.js';

/**
 * Counts one hit on `key` in its current fixed window on `db` (a database or a transaction); starts a new window when
 * the last one has ended. Requests are counted in groups (rate-limit-count.ts, RateLimitCounter); this counts one alone.
 */
export async function hitRateLimit(db: Queryable, dialect: Dialect, key: string, windowMs: number, now = Date.now()): Promise<RateLimitCount> {
  return (await countHits(db, dialect, [{ key, hits: 1, windowMs }], now)).get(key) as RateLimitCount;
}

/** Reads a counter without counting. */
export async function readRateLimit(db: Queryable, key: string, now = Date.now()): Promise<{ hits: number; windowEnds: number }> {
  const row = await db.selectFrom('rate_limit').select(['hits', 'window_ends']).where('key', '=', key).executeTakeFirst();
  if (!row || Number(row.window_ends) <= now) return { hits: 0, windowEnds: now };
  return { hits: Number(row.hits), windowEnds: Number(row.window_ends) };
}

export async function purgeRateLimits(db: Queryable, now = Date.now()): Promise<number> {
  const r = await db.deleteFrom('rate_limit').where('window_ends', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Keeps the record_change rows of the last `keep` moves of each stripe of the record's counter (readers need only
 * recent ones).
 */
export async function purgeRecordChanges(db: Queryable, keep = 5000): Promise<number> {
  const r = await db.deleteFrom('record_change')
    .where('n', '<=', (eb) => eb.selectFrom('record_counter as v').select(sql<number>`v.n - ${keep}`.as('n')).whereRef('v.stripe', '=', 'record_change.stripe'))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Takes the lease on job `name` when it is due (last started at least `everyMs` ago) and nobody holds it; returns
 * whether this holder got it. One statement: of several processes asking at once, exactly one wins.
 */
export async function takeJobLease(db: Queryable, name: string, holder: string, everyMs: number, leaseMs: number, now = Date.now()): Promise<boolean> {
  const rows = await db
    .insertInto('job_lease')
    .values({ name, holder, lease_until: now + leaseMs, last_started_at: now, last_finished_at: null })
    .onConflict((oc) => oc.column('name')
      .doUpdateSet({ holder, lease_until: now + leaseMs, last_started_at: now })
      .where('job_lease.lease_until', '<=', now)
      .where('job_lease.last_started_at', '<=', now - everyMs))
    .returning('name')
    .execute();
  return rows.length === 1;
}

/** Gives the lease back after a run (only if this holder still has it). */
export async function releaseJobLease(db: Queryable, name: string, holder: string, now = Date.now()): Promise<void> {
  await db.updateTable('job_lease').set({ lease_until: 0, last_finished_at: now, holder: null })
    .where('name', '=', name).where('holder', '=', holder).execute();
}

/** Jobs that are due now and not running anywhere (the job queue's depth), given each job's period. */
export async function dueJobs(db: Queryable, jobs: { name: string; everyMs: number }[], now = Date.now()): Promise<string[]> {
  if (!jobs.length) return [];
  const rows = await db.selectFrom('job_lease').select(['name', 'lease_until', 'last_started_at']).where('name', 'in', jobs.map((j) => j.name)).execute();
  const byName = new Map(rows.map((r) => [r.name, r]));
  return jobs.filter((j) => {
    const r = byName.get(j.name);
    return !r || (Number(r.lease_until) <= now && Number(r.last_started_at) <= now - j.everyMs);
  }).map((j) => j.name);
}

/**
 * Logs the start of a run by the lease's holder and counts the job's period from then (the lease was taken a
 * moment earlier, when `startedAt` could not yet be known).
 */
export async function startJobRun(db: Queryable, name: string, holder: string, startedAt: string): Promise<number> {
  await db.updateTable('job_lease').set({ last_started_at: Date.parse(startedAt) }).where('name', '=', name).where('holder', '=', holder).execute();
  const r = await db.insertInto('job_run').values({ name, holder, started_at: startedAt, status: 'running', finished_at: null, summary: null })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function finishJobRun(db: Queryable, id: number, status: 'ok' | 'failed', summary: string, finishedAt: string): Promise<void> {
  await db.updateTable('job_run').set({ status, summary: summary.slice(0, 2000), finished_at: finishedAt }).where('id', '=', id).execute();
}

export async function listJobRuns(db: Queryable, options: { name?: string; limit?: number } = {}) {
  let q = db.selectFrom('job_run').selectAll();
  if (options.name) q = q.where('name', '=', options.name);
  return q.orderBy('id', 'desc').limit(options.limit ?? 100).execute();
}

export async function lastJobRun(db: Queryable, name: string) {
  return db.selectFrom('job_run').selectAll().where('name', '=', name).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Keeps the job log to runs of the last `days` days. */
export async function purgeJobRuns(db: Queryable, beforeIso: string): Promise<number> {
  const r = await db.deleteFrom('job_run').where('started_at', '<', beforeIso).where('status', '!=', 'running').executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Personal data that may be deleted once it has expired: ended sessions (past their end or idle too long), used or expired password-reset tokens,
 * API tokens revoked before `revokedBeforeIso`. Published documents, minutes and the audit log are never touched.
 */
export async function purgeExpiredAccessData(db: Queryable, nowIso: string, idleBeforeIso: string, revokedBeforeIso: string): Promise<{ sessions: number; resets: number; tokens: number }> {
  const s = await db.deleteFrom('user_session').where((eb) => eb.or([eb('expires_at', '<', nowIso), eb('last_seen_at', '<', idleBeforeIso)])).executeTakeFirst();
  const r = await db.deleteFrom('password_reset').where((eb) => eb.or([eb('expires_at', '<', nowIso), eb('used_at', 'is not', null)])).executeTakeFirst();
  const t = await db.deleteFrom('api_token').where('revoked_at', 'is not', null).where('revoked_at', '<', revokedBeforeIso).executeTakeFirst();
  return { sessions: Number(s.numDeletedRows), resets: Number(r.numDeletedRows), tokens: Number(t.numDeletedRows) };
}
