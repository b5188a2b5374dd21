// Scheduled background work that runs exactly once across every process on one database. Each job has a period;
// every process's runner checks now and then, and the one that takes the job's lease (one atomic statement in the
// database) runs it; the others see it is not due. A process killed mid-run loses the lease when it expires, and
// the next runner takes the job again.
//
// Other capabilities add their jobs with registerJob (e.g. the alerts outbox):
//   registerJob({ name: 'alerts-outbox', everyMs: 60_000, run: async (store) => `sent ${n} alerts` });
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { SESSION_IDLE_MS } from '../store/accounts.js';
import type { Store } from '../store/db.js';
import {
  dueJobs, finishJobRun, purgeExpiredAccessData, purgeJobRuns, purgeRateLimits, purgeRecordChanges, releaseJobLease, startJobRun, takeJobLease,
} from '../store/operations.js';

export interface Job {
  /** Unique, lower-case with hyphens. */
  name: string;
  /** How often it runs (across all processes). */
  everyMs: number;
  /** How long a run may take before another process may assume this one died (default 10 minutes). */
  leaseMs?: number;
  /** Does the work; returns a one-line summary for the job log. */
  run(store: Store): Promise<string | void>;
}

const registry = new Map<string, Job>();

/** Adds a job to every runner started afterwards in this process. Registering a name again replaces it. */
export function registerJob(job: Job): void {
  if (!/^[a-z0-9-]+$/.test(job.name)) throw new Error(`job name "${job.name}" must be lower-case letters, digits and hyphens`);
  if (!(job.everyMs > 0)) throw new Error(`job ${job.name} needs a positive period`);
  registry.set(job.name, job);
}

export function registeredJobs(): Job[] {
  return [...registry.values()];
}

/** Days revoked API tokens are kept (they name who could act, for reading the audit log) before purging. */
export const REVOKED_TOKEN_DAYS = 90;
/** Days the job log is kept. */
export const JOB_LOG_DAYS = 30;

/**
 * Purges personal data that may be deleted: expired or idle sessions, used or expired password-reset tokens, API
 * tokens revoked over REVOKED_TOKEN_DAYS ago, spent rate-limit counters and old job-log lines. Published documents,
 * minutes, decisions and the audit log are records and are never deleted by Moot.
 */
export async function purgeExpired(store: Store, now = new Date()): Promise<string> {
  const day = 24 * 60 * 60 * 1000;
  const access = await purgeExpiredAccessData(store.db, now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString(),
    new Date(now.getTime() - REVOKED_TOKEN_DAYS * day).toISOString());
  // The database's counters (PostgreSQL's; on SQLite those of before the counters had a file of their own) and the file's.
  const limits = await purgeRateLimits(store.db, now.getTime()) + (store.counters ? await purgeRateLimits(store.counters(), now.getTime()) : 0);
  const runs = await purgeJobRuns(store.db, new Date(now.getTime() - JOB_LOG_DAYS * day).toISOString());
  return `purged ${access.sessions} sessions, ${access.resets} password-reset tokens, ${access.tokens} revoked API tokens, ${limits} rate-limit counters, ${runs} job-log lines`;
}

/** The period of a job, overridable as MOOT_JOB_<NAME>_EVERY in seconds (e.g. MOOT_JOB_PURGE_EVERY=60). */
function periodOf(job: Job, env: NodeJS.ProcessEnv): number {
  const v = env[`MOOT_JOB_${job.name.toUpperCase().replace(/-/g, '_')}_EVERY`];
  const s = v === undefined ? NaN : Number(v);
  return Number.isFinite(s) && s > 0 ? s * 1000 : job.everyMs;
}

registerJob({ name: 'purge', everyMs: 60 * 60 * 1000, run: (store) => purgeExpired(store) });
// The log of changes the caches follow (record_change): only its last moves are ever read.
registerJob({ name: 'change-log', everyMs: 10 * 60 * 1000, run: async (store) => `trimmed ${await purgeRecordChanges(store.db)} change-log lines` });

export interface JobRunnerStats {
  runs: number;
  failures: number;
  /** Jobs due and not running anywhere at the last check. */
  queueDepth: number;
}

export interface JobRunner {
  readonly holder: string;
  readonly stats: JobRunnerStats;
  /** Checks once: runs each due job whose lease this runner takes. Returns the names it ran. */
  tick(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  /** How often to check for due jobs (default 5 s, or MOOT_JOBS_TICK_MS). */
  tickMs?: number;
  /** Start the timer (default true); tests call tick() themselves. */
  start?: boolean;
  log?: { info(o: object, msg: string): void; error(o: object, msg: string): void };
  env?: NodeJS.ProcessEnv;
  /** The runner's clock in milliseconds (default Date.now). */
  clock?: () => number;
}

const runnerStats = new Set<JobRunnerStats>();

/** This process's job runners, added up (for the metrics). */
export function jobRunnerStats(): JobRunnerStats {
  const total: JobRunnerStats = { runs: 0, failures: 0, queueDepth: 0 };
  for (const s of runnerStats) {
    total.runs += s.runs;
    total.failures += s.failures;
    total.queueDepth = Math.max(total.queueDepth, s.queueDepth);
  }
  return total;
}

export function startJobRunner(store: Store, options: JobRunnerOptions = {}): JobRunner {
  const env = options.env ?? process.env;
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const tickMs = options.tickMs ?? (Number(env.MOOT_JOBS_TICK_MS) || 5000);
  const clock = options.clock ?? Date.now;
  const stats: JobRunnerStats = { runs: 0, failures: 0, queueDepth: 0 };
  runnerStats.add(stats);
  let running: Promise<string[]> | null = null;
  let stopped = false;

  async function runOne(job: Job): Promise<boolean> {
    const every = periodOf(job, env);
    if (!(await takeJobLease(store.db, job.name, holder, every, job.leaseMs ?? 10 * 60 * 1000, clock()))) return false;
    // The run is dated by when the lease was granted, not by when this runner asked for it: under load the
    // statement can wait (for a connection, a lock) while the previous holder finishes and lets go, and a date
    // read before the wait would put this run's start before that one's end. The lease's period counts from the
    // same moment, so runs in the log are at least a period apart.
    const id = await startJobRun(store.db, job.name, holder, new Date(clock()).toISOString());
    try {
      const summary = (await job.run(store)) ?? 'done';
      await finishJobRun(store.db, id, 'ok', summary, new Date(clock()).toISOString());
      options.log?.info({ job: job.name, summary }, 'job finished');
      stats.runs++;
    } catch (e) {
      stats.failures++;
      const message = e instanceof Error ? e.message : String(e);
      options.log?.error({ job: job.name, err: message }, 'job failed');
      await finishJobRun(store.db, id, 'failed', message, new Date(clock()).toISOString()).catch(() => undefined);
    } finally {
      await releaseJobLease(store.db, job.name, holder, clock()).catch(() => undefined);
    }
    return true;
  }

  async function tick(): Promise<string[]> {
    const jobs = registeredJobs();
    const ran: string[] = [];
    try {
      // Only due jobs are asked for: asking locks the lease's row, a write PostgreSQL commits to disk, which every
      // runner's every tick would otherwise add to the clerks' writes.
      const due = new Set(await dueJobs(store.db, jobs.map((j) => ({ name: j.name, everyMs: periodOf(j, env) })), clock()));
      stats.queueDepth = due.size;
      for (const job of jobs) {
        if (stopped) break;
        if (due.has(job.name) && (await runOne(job))) ran.push(job.name);
      }
    } catch (e) {
      // The database may be down for a moment: try again at the next tick.
      options.log?.error({ err: e instanceof Error ? e.message : String(e) }, 'job runner could not check for due jobs');
    }
    return ran;
  }

  const timer = options.start === false ? null : setInterval(() => {
    if (!running) running = tick().finally(() => { running = null; });
  }, tickMs);
  timer?.unref();

  return {
    holder,
    stats,
    tick: () => (running ??= tick().finally(() => { running = null; })),
    stop: async () => {
      stopped = true;
      runnerStats.delete(stats);
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
