import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'moot-cli-data-'));

function moot(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), '--data', join(dir, 'data'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '' }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
}

describe('moot data', () => {
  it('imports a revenue report, refuses publication of an unreconciled total naming the cell, and publishes the correction', () => {
    const f = join(dir, 'june.csv');
    const head = 'Portfolio,Budget line,Forecast variance,Management action,Revised variance,Last reported,Movement,Narrative\n';
    writeFileSync(f, head + 'Adults,Direct Payments,150,-20,130,100,30,Take-up\nAdults,Care,-20,0,-20,0,-20,\n,Total,130,-20,110,100,11,\n');
    let r = moot('data', 'import', f, '--kind', 'revenue', '--period', '2025-06');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('imported revenue 2025-06 version 1 (3 rows)');
    expect(r.stdout).toContain('to fix before publication: Revenue table, row 4 ("Total"), column Movement: the table has 11 but the sum of its 2 lines gives 10');
    r = moot('data', 'publish', '--kind', 'revenue', '--period', '2025-06');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^moot: Revenue budget monitoring: June 2025 cannot be published: 2 problem\(s\) listed above$/);
    expect(moot('data', 'import', f, '--kind', 'revenue', '--period', '2025-06').stdout).toContain('unchanged revenue 2025-06 version 1');
    writeFileSync(f, head + 'Adults,Direct Payments,150,-20,130,100,30,Take-up\nAdults,Care,-20,0,-20,0,-20,\n,Total,130,-20,110,100,10,\n');
    r = moot('data', 'import', f, '--kind', 'revenue', '--period', '2025-06', '--publish');
    expect(r.stdout).toContain('imported revenue 2025-06 version 2');
    expect(r.stdout).toContain('published revenue 2025-06 version 2');
  });

  it('lists every problem of a bad file and writes nothing', () => {
    const f = join(dir, 'values.csv');
    writeFileSync(f, 'Ref,Period,Value\nZZ1,2025-26 Q1,12\nZZ2,2025-26 Q5,abc\n');
    const r = moot('data', 'import', f, '--kind', 'indicator-values');
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split('\n')).toEqual([
      'problem: sheet "values.csv", row 2, column A (Ref): no indicator "ZZ1": import it with --kind indicators first',
      'problem: sheet "values.csv", row 3, column A (Ref): no indicator "ZZ2": import it with --kind indicators first',
      'problem: sheet "values.csv", row 3, column B (Period): "2025-26 Q5" is not a reporting period: write a month as 2025-06, a quarter as 2025-26 Q1, or a financial year as 2025-26',
      'problem: sheet "values.csv", row 3, column C (Value): value "abc" is not a number',
    ]);
    expect(r.stderr).toBe('moot: values.csv: 4 problems (listed above); nothing was imported');
    expect(moot('data', 'list').stdout).not.toContain('indicator-values');
  });
});
