// The demonstration council moves from SQLite to PostgreSQL with one command, and backup/restore from the
// command line say what they did in one line, or what is wrong in one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabase, postgresReachable, PG_REQUIRED } from '../helpers/stores.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'moot-cli-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function moot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '', ...env }, timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLineError(r: ReturnType<typeof moot>): string {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('moot: '));
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe('moot backup, restore and store copy', () => {
  it('moves the demonstration council from SQLite to PostgreSQL in one command, and backs it up and restores it', async (ctx) => {
    if (!(await postgresReachable())) {
      if (PG_REQUIRED) throw new Error('PostgreSQL is required');
      ctx.skip('no PostgreSQL server');
    }
    const data = join(work, 'data');
    expect(moot(['--data', data, 'demo', '--years', '1', '--today', '2026-03-01', '--seed', '7']).status).toBe(0);
    const pgdb = await createPostgresTestDatabase();
    try {
      const copy = moot(['--data', data, 'store', 'copy', '--to', pgdb.url]);
      expect(copy.stderr).toMatch(/Backing up: \d+\/\d+/); // progress (a bar on a terminal, counts in logs)
      expect(copy.status).toBe(0);
      expect(copy.stdout).toMatch(/^Copied \d+ rows in \d+ tables, \d+ files \([\d.]+ MB\) from SQLite at .* to PostgreSQL at .*; every table's count and checksum match\./);
      const fromSqlite = moot(['--data', data, 'meetings', '--json']);
      const fromPg = moot(['meetings', '--json'], { DATABASE_URL: pgdb.url });
      expect(fromPg.status).toBe(0);
      expect(JSON.parse(fromPg.stdout)).toEqual(JSON.parse(fromSqlite.stdout));

      // Copying again is refused: the target is no longer empty.
      expect(oneLineError(moot(['--data', data, 'store', 'copy', '--to', pgdb.url]))).toMatch(/^moot: PostgreSQL at .* is not empty \(table \w+ has \d+ rows?\)/);

      // Backup from PostgreSQL, restore into a fresh SQLite directory.
      const file = join(work, 'council.mootbak');
      const b = moot(['backup', '--out', file], { DATABASE_URL: pgdb.url });
      expect(b.status).toBe(0);
      expect(b.stdout).toMatch(/^Backed up \d+ rows in \d+ tables, \d+ files .* from PostgreSQL at .* to .*council\.mootbak/);
      expect(moot(['restore', '--check', file]).stdout).toMatch(/is intact/);
      const r = moot(['--data', join(work, 'restored'), 'restore', file]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Restored \d+ rows .* every table's count and checksum match the backup\./);
      expect(JSON.parse(moot(['--data', join(work, 'restored'), 'meetings', '--json']).stdout)).toEqual(JSON.parse(fromSqlite.stdout));

      // A damaged archive: one line, nothing written.
      const bad = join(work, 'bad.mootbak');
      const bytes = readFileSync(file);
      writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expect(oneLineError(moot(['--data', join(work, 'other'), 'restore', bad]))).toMatch(/^moot: the backup .*bad\.mootbak is damaged \(.*\)\. It cannot be restored; use another backup$/);
      expect(oneLineError(moot(['--data', join(work, 'other'), 'restore', join(work, 'nothing.mootbak')]))).toMatch(/there is no backup at/);
    } finally {
      await pgdb.drop();
    }
  }, 400_000);
});
