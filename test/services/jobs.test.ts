// Shared operational state on both databases: a job's lease lets exactly one of several runners run it per
// period, a crashed holder's lease expires, rate-limit counters are one count across connections, and the purge
// removes expired personal data but no record.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { purgeExpired, registerJob, startJobRunner } from '../../src/services/jobs.js';
import { countRequest } from '../../src/services/rate-limits.js';
import { createSession, createUser } from '../../src/store/accounts.js';
import { openStore } from '../../src/store/db.js';
import { takeJobLease } from '../../src/store/operations.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('jobs and shared limits on %s', (kind) => {
  const get = useTestStore(kind);

  it('runs a due job in exactly one of several runners, once per period', async (ctx) => {
    const t = get(ctx);
    const others = [await openStore(t.location), await openStore(t.location)];
    let runs = 0;
    registerJob({ name: `count-${kind}`, everyMs: 60_000, run: async () => { runs++; await new Promise((r) => setTimeout(r, 20)); return 'counted'; } });
    const runners = [t.store, ...others].map((s) => startJobRunner(s, { start: false }));
    try {
      const ran = await Promise.all(runners.map((r) => r.tick()));
      expect(ran.filter((names) => names.includes(`count-${kind}`)).length).toBe(1);
      expect(runs).toBe(1);
      await Promise.all(runners.map((r) => r.tick())); // not due again for a minute
      expect(runs).toBe(1);
      const log = await t.store.db.selectFrom('job_run').selectAll().where('name', '=', `count-${kind}`).execute();
      expect(log).toMatchObject([{ status: 'ok', summary: 'counted' }]);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      for (const o of others) await o.close();
    }
  });

  it('dates a run by when its lease was granted: a runner whose request waited never overlaps the run before', async (ctx) => {
    const t = get(ctx);
    // The wait is a row lock another connection holds; SQLite's connections in one process cannot show it (a
    // blocked statement would block the event loop the other transaction needs to commit).
    if (kind !== 'postgres') ctx.skip('needs two connections that wait on each other');
    const name = `waited-${kind}`;
    registerJob({ name, everyMs: 50, run: async () => 'ran' });
    const other = await openStore(t.location);
    const runner = startJobRunner(other, { start: false });
    try {
      // Holder b has been running the job for a second, past its lease (200 ms): the runner finds the job due. b's
      // last moments (logging the end, letting go of the lease) hold the lease's row while the runner asks for it.
      expect(await takeJobLease(t.store.db, name, 'b', 50, 200, Date.now() - 1000)).toBe(true);
      let finishedAt = '';
      let tick: Promise<string[]> | null = null;
      await t.store.db.transaction().execute(async (tx) => {
        await sql`select name from job_lease where name = ${name} for update`.execute(tx);
        tick = runner.tick();
        // Until the runner's lease statement is waiting for this row (its clock was read before it was sent).
        for (let i = 0; i < 200; i++) {
          const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%job_lease%'`.execute(t.store.db);
          if (waiting.rows[0].n > 0) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        await new Promise((r) => setTimeout(r, 30));
        finishedAt = new Date().toISOString();
        await tx.insertInto('job_run').values({ name, holder: 'b', started_at: new Date(Date.now() - 1000).toISOString(), finished_at: finishedAt, status: 'ok', summary: 'ran' }).execute();
        await tx.updateTable('job_lease').set({ lease_until: 0, holder: null, last_finished_at: Date.parse(finishedAt) }).where('name', '=', name).execute();
      });
      expect(await tick!).toContain(name);
      const run = await t.store.db.selectFrom('job_run').selectAll().where('name', '=', name).where('holder', '=', runner.holder).executeTakeFirstOrThrow();
      expect(Date.parse(run.started_at)).toBeGreaterThanOrEqual(Date.parse(finishedAt));
      // The next period counts from that start: not due again 50 ms after it was asked for, only after it began.
      const lease = await t.store.db.selectFrom('job_lease').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
      expect(Number(lease.last_started_at)).toBe(Date.parse(run.started_at));
    } finally {
      await runner.stop();
      await other.close();
    }
  });

  it('lets another holder take a lease its holder never gave back once it expires', async (ctx) => {
    const t = get(ctx);
    const now = Date.now();
    expect(await takeJobLease(t.store.db, `crash-${kind}`, 'a', 1000, 5000, now)).toBe(true);
    expect(await takeJobLease(t.store.db, `crash-${kind}`, 'b', 1000, 5000, now + 2000)).toBe(false); // a still holds it
    expect(await takeJobLease(t.store.db, `crash-${kind}`, 'b', 1000, 5000, now + 5001)).toBe(true);
  });

  it('counts hits on one key across connections in one window', async (ctx) => {
    const t = get(ctx);
    const other = await openStore(t.location);
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => countRequest(i % 2 ? other : t.store, `k-${kind}`, 60_000)));
      expect(results.map((r) => r.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(Math.max(...results.map((r) => r.ttl))).toBeLessThanOrEqual(60_000);
    } finally {
      await other.close();
    }
  });

  it('never gives more time left than the window, when a later clock reading opened the window first', async (ctx) => {
    const t = get(ctx);
    // Two requests read the clock 5 ms apart; the later one reaches the database first and opens the window.
    expect(await countRequest(t.store, `late-${kind}`, 60_000, 1_005)).toEqual({ current: 1, ttl: 60_000 });
    expect(await countRequest(t.store, `late-${kind}`, 60_000, 1_000)).toEqual({ current: 2, ttl: 60_000 });
  });

  it('purges expired sessions and reset tokens, keeps live ones and every record', async (ctx) => {
    const t = get(ctx);
    const user = await createUser(t.store.db, SYSTEM_ACTOR, { email: `p-${kind}@example.org`, displayName: 'P', role: 'clerk' });
    await createSession(t.store.db, user, { now: new Date(Date.now() - 13 * 3600_000) });
    const live = await createSession(t.store.db, user);
    const audit = (await t.store.db.selectFrom('audit_log').select('id').execute()).length;
    const summary = await purgeExpired(t.store);
    expect(summary).toMatch(/^purged 1 sessions, 0 password-reset tokens, 0 revoked API tokens, \d+ rate-limit counters, 0 job-log lines$/);
    const left = await t.store.db.selectFrom('user_session').select('id').where('user_id', '=', user).execute();
    expect(left.length).toBe(1);
    expect(live).toBeTruthy();
    expect((await t.store.db.selectFrom('audit_log').select('id').execute()).length).toBe(audit);
  });
});
