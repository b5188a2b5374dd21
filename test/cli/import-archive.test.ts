// `moot import DIR` killed with SIGKILL in the middle of an archive, then run again: no committed import is lost,
// none is repeated (the second run skips them as duplicates by checksum), and the report of each run lists what
// it did, file by file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { writeTextPacks } from '../../bench/_packs.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = (a: string[]) => ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), ...a];
const env = (data: string) => ({ ...process.env, DATABASE_URL: '', MOOT_DATA: data });
const entries = (report: string) => (existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { status?: string; file?: string; summary?: Record<string, number> }) : []);

describe('moot import DIR after kill -9', () => {
  it('resumes: loses no committed import and repeats none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-archive-cli-'));
    const data = join(dir, 'data');
    const packs = writeTextPacks(join(dir, 'packs'), 60);
    expect(spawnSync(process.execPath, args(['init']), { cwd: repo, env: env(data), encoding: 'utf8' }).status).toBe(0);
    const report = join(dir, 'report.jsonl');

    // the first run, killed once a few packs are in
    const child = spawn(process.execPath, args(['import', join(dir, 'packs'), '--report', report]), { cwd: repo, env: env(data), stdio: 'ignore' });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    const t0 = Date.now();
    while (entries(report).filter((e) => e.status).length < 3 && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const before = entries(report).filter((e) => e.status === 'imported').map((e) => e.file);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(60);
    expect(entries(report).some((e) => e.summary)).toBe(false); // it did not finish

    // the second run completes the archive
    const r = spawnSync(process.execPath, args(['import', join(dir, 'packs'), '--report', report]), { cwd: repo, env: env(data), encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const all = entries(report);
    const run2 = all.slice(all.findLastIndex((e) => !e.status && !e.summary) + 1);
    const summary = run2.find((e) => e.summary)!.summary!;
    // every file the first run reported imported is a duplicate now; a file committed just before the kill,
    // without its report line, is a duplicate too; nothing is imported twice
    for (const f of before) expect(run2.find((e) => e.file === f)?.status).toBe('duplicate');
    expect(summary.imported + summary.duplicate).toBe(60);
    expect(summary.duplicate).toBeGreaterThanOrEqual(before.length);
    expect(r.stdout).toMatch(/\d+ imported, 0 updated, \d+ skipped as duplicates, 0 refused/);

    const store = await openStore({ dataDir: data, databaseUrl: null });
    try {
      const records = await store.db.selectFrom('import_record').select('source').execute();
      expect(records).toHaveLength(60);
      expect(new Set(records.map((x) => x.source)).size).toBe(60);
      expect(new Set(packs.map((p) => p.split('/').pop()))).toEqual(new Set(records.map((x) => x.source)));
    } finally {
      await store.close();
    }
  }, 300_000);
});
