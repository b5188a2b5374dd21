// `moot serve --workers 2` on SQLite: two worker processes share the port, the search rate limit is counted once
// for both (in the database), a worker killed with SIGKILL is replaced while the other keeps serving, and SIGTERM
// stops the primary and every worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'moot-workers-'));
let primary: ChildProcess | null = null;
afterAll(() => {
  if (primary && primary.exitCode === null) primary.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** A GET on a connection of its own (no keep-alive), so the cluster hands each request to a worker afresh. */
function fresh(url: string): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    get(url, { agent: false }, (r) => {
      let body = '';
      r.on('data', (d) => { body += String(d); });
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
    }).on('error', rej);
  });
}

async function pidsServing(url: string, tries: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries; i++) {
    const r = await fresh(`${url}/livez`);
    if (r.status === 200) pids.add((JSON.parse(r.body) as { pid: number }).pid);
  }
  return pids;
}

describe('moot serve --workers', () => {
  it('shares the port and the rate limits between workers, replaces one that is killed, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), '--data', join(work, 'data'), 'serve', '--port', '0', '--workers', '2'], {
      cwd: repo, env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', MOOT_DATA: '', REDIS_URL: '', MOOT_RATE_LIMITS: '', MOOT_WORKERS: '', MOOT_METRICS_PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary = child;
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => { out += String(d); });
    child.stderr?.on('data', (d) => { err += String(d); });
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`not started: ${out} ${err}`)), 120_000);
      const check = () => {
        const m = /running at (http:\/\/127\.0\.0\.1:\d+)\/ with 2 workers \(SQLite/.exec(out);
        if (m) {
          clearTimeout(timer);
          res(m[1]);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => rej(new Error(`moot serve exited ${code}: ${err}`)));
    });

    // Both workers answer on the one port.
    const before = await pidsServing(url, 40);
    expect(before.size).toBe(2);
    expect(before.has(child.pid!)).toBe(false);

    // 75 searches from one client over fresh connections, spread over both workers: 60 a minute between them.
    const statuses: number[] = [];
    for (let i = 0; i < 75; i++) statuses.push((await fresh(`${url}/search?q=planning`)).status);
    expect(statuses.filter((s) => s === 200).length).toBe(60);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);

    // Kill one worker outright: the other keeps serving, and the primary starts a replacement.
    const [victim, survivor] = [...before];
    process.kill(victim, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300)); // the primary hears of the death over the IPC channel
    const meanwhile = await Promise.all(Array.from({ length: 10 }, () => fresh(`${url}/livez`)));
    expect(meanwhile.every((r) => r.status === 200)).toBe(true);
    expect(meanwhile.map((r) => (JSON.parse(r.body) as { pid: number }).pid).every((p) => p === survivor)).toBe(true);
    let after = new Set<number>();
    for (let i = 0; i < 60 && after.size < 2; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = await pidsServing(url, 10);
    }
    expect(err).toContain(`moot: worker ${victim} stopped (SIGKILL); starting another`);
    expect(after.size).toBe(2);
    expect(after.has(victim)).toBe(false);
    expect(after.has(survivor)).toBe(true);

    // SIGTERM: the primary stops its workers and exits.
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM received: stopping 2 workers');
    for (const pid of after) expect(() => process.kill(pid, 0)).toThrow();
  }, 240_000);
});
