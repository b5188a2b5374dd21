// Three `moot serve` processes on one PostgreSQL database: the search rate limit is counted once across all three
// (60 a minute in all, not 60 each), and the scheduled purge runs once per period across them, not once per
// process, and removes an expired session.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createSession, createUser } from '../../src/store/accounts.js';
import { openStore } from '../../src/store/db.js';
import { createPostgresTestDatabase, postgresReachable, PG_REQUIRED } from '../helpers/stores.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), 'serve', '--port', '0'], {
    cwd: repo, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`moot serve did not start: ${out} ${err}`)), 90_000);
    child.stderr?.on('data', (d) => { err += String(d); });
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl({ child, url: m[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`moot serve exited ${code}: ${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('three moot serve processes on one PostgreSQL', () => {
  it('share the rate limits and run each scheduled job once', async (ctx) => {
    if (!(await postgresReachable())) {
      if (PG_REQUIRED) throw new Error('PostgreSQL is required');
      ctx.skip('no PostgreSQL server');
    }
    const pgdb = await createPostgresTestDatabase();
    const store = await openStore({ dataDir: '/nonexistent', databaseUrl: pgdb.url });
    try {
      const userId = await createUser(store.db, SYSTEM_ACTOR, { email: 'old@example.org', displayName: 'Old Session', role: 'councillor' });
      await createSession(store.db, userId, { now: new Date(Date.now() - 2 * 24 * 3600 * 1000) });
      await createSession(store.db, userId);
      const env = { DATABASE_URL: pgdb.url, MOOT_JOB_PURGE_EVERY: '1', MOOT_JOBS_TICK_MS: '150', MOOT_DATA: '', REDIS_URL: '', MOOT_RATE_LIMITS: '' };
      const servers = await Promise.all([serve(env), serve(env), serve(env)]);
      const started = Date.now();

      // 75 searches spread over the three processes: the limit of 60 a minute holds for them together.
      const statuses: number[] = [];
      for (let i = 0; i < 75; i++) {
        const r = await fetch(`${servers[i % 3].url}/search?q=planning`);
        statuses.push(r.status);
        await r.arrayBuffer();
      }
      expect(statuses.filter((s) => s === 200).length).toBe(60);
      expect(statuses.filter((s) => s === 429).length).toBe(15);
      expect(statuses.slice(60).every((s) => s === 429)).toBe(true);

      // Let the purge (every second here) come due a few times, then look at its log.
      await new Promise((r) => setTimeout(r, Math.max(0, 4500 - (Date.now() - started))));
      await Promise.all(servers.map((s) => stop(s.child)));
      const runs = await store.db.selectFrom('job_run').selectAll().where('name', '=', 'purge').orderBy('started_at').execute();
      expect(runs.length).toBeGreaterThanOrEqual(2);
      // Once per period across all three: never more runs than whole seconds between the first and last (+1),
      // never two within a second, never overlapping.
      const span = (Date.parse(runs[runs.length - 1].started_at) - Date.parse(runs[0].started_at)) / 1000;
      expect(runs.length).toBeLessThanOrEqual(Math.floor(span) + 1);
      for (let i = 1; i < runs.length; i++) {
        expect(Date.parse(runs[i].started_at) - Date.parse(runs[i - 1].started_at)).toBeGreaterThanOrEqual(990);
        expect(Date.parse(runs[i].started_at)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1].finished_at as string));
      }
      expect(runs.every((r) => r.status === 'ok')).toBe(true);
      expect(runs[0].summary).toMatch(/^purged 1 sessions, /);
      const sessions = await store.db.selectFrom('user_session').select('id').execute();
      expect(sessions.length).toBe(1); // the expired one is gone, the live one kept
    } finally {
      await store.close();
      await pgdb.drop();
    }
  }, 180_000);
});
