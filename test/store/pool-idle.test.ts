// The PostgreSQL pool keeps an idle connection for POOL_IDLE_MS (5 minutes), not pg's 10 s, so the statements prepared
// on it (a search's, the counters') outlive a pause in the traffic; and idle connections do not keep a process that
// has finished from exiting (issue 17).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { POOL_IDLE_MS } from '../../src/store/db.js';
import { PREPARED } from '../../src/store/prepared.js';
import { useTestStore } from '../helpers/use-store.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the PostgreSQL pool\'s idle connections', () => {
  const get = useTestStore('postgres');

  it('keeps a connection idle for longer than 10 s, with its prepared statements', { timeout: 60_000 }, async (ctx) => {
    const { store } = get(ctx);
    expect(POOL_IDLE_MS).toBeGreaterThanOrEqual(60_000);
    const backend = async () => (await sql<{ pid: number; prepared: number }>`${sql.raw(PREPARED)} select pg_backend_pid() as pid,
      (select count(*) from pg_prepared_statements)::int as prepared`.execute(store.db)).rows[0];
    const first = await backend();
    await new Promise((r) => setTimeout(r, 10_500));
    const later = await backend();
    expect(later.pid).toBe(first.pid);
    expect(later.prepared).toBeGreaterThanOrEqual(1);
  });

  it('lets a process that has finished exit at once, its connection still open', { timeout: 120_000 }, async (ctx) => {
    const { location } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-pool-idle-'));
    try {
      const script = join(dir, 'open.mts');
      writeFileSync(script, `import { openStore } from ${JSON.stringify(pathToFileURL(join(repo, 'src', 'store', 'db.ts')).href)};
const store = await openStore({ dataDir: ${JSON.stringify(dir)}, databaseUrl: ${JSON.stringify(location.databaseUrl)} });
console.log(store.pool().total);
`);
      const started = Date.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: repo, encoding: 'utf8', timeout: 100_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(Number(r.stdout.trim())).toBeGreaterThanOrEqual(1); // the store was left open, its connections idle
      // Held by the idle connection, it would have run for POOL_IDLE_MS (pg's default would have held it 10 s).
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
