import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function moot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '', ...env }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: ReturnType<typeof moot>, pattern: RegExp) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^moot: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('the moot command', () => {
  it('prints help listing the commands', () => {
    const r = moot(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['init', 'migrate', 'demo', 'serve', 'extract', 'import', 'meetings', 'pack', 'publish']) expect(r.stdout).toContain(c);
  });

  it('refuses an unknown command or option in one line with status 2', () => {
    expectOneLineError(moot(['frobnicate']), /unknown command 'frobnicate'.*moot --help/);
    expectOneLineError(moot(['init', '--colour']), /unknown option '--colour'/);
  });

  it('creates the data directory and the database, and says so', () => {
    const data = join(mkdtempSync(join(tmpdir(), 'moot-cli-')), 'data');
    const r = moot(['--data', data, 'init']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SQLite at .*moot\.sqlite/);
    expect(moot(['migrate'], { MOOT_DATA: data }).stdout).toMatch(/up to date/);
  });

  it('explains an unreachable DATABASE_URL', () => {
    expectOneLineError(moot(['init'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }), /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere.*DATABASE_URL/);
    expectOneLineError(moot(['init'], { DATABASE_URL: 'mysql://x' }), /not a PostgreSQL URL/);
  });

  it('explains a read-only data directory', () => {
    const data = mkdtempSync(join(tmpdir(), 'moot-ro-'));
    chmodSync(data, 0o555);
    expectOneLineError(moot(['--data', data, 'init']), /read-only.*--data/);
    chmodSync(data, 0o755);
  });

  it('refuses a database made by a newer Moot', async () => {
    const data = mkdtempSync(join(tmpdir(), 'moot-new-'));
    const store = await openStore({ dataDir: data, databaseUrl: null });
    await sql`insert into moot_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00Z')`.execute(store.db);
    await store.close();
    expectOneLineError(moot(['--data', data, 'migrate']), /newer version of Moot.*999-from-the-future/);
    expectOneLineError(moot(['--data', data, 'meetings']), /newer version of Moot/);
  });

  it('imports a document that prints no date with --date, and refuses a date that is not YYYY-MM-DD or disagrees with the printed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-date-'));
    const data = join(dir, 'data');
    expect(moot(['--data', data, 'init']).status).toBe(0);
    const agenda = join(repo, 'test', 'fixtures', 'corpus', 'us_northstar_agenda_undated.md');
    expectOneLineError(moot(['--data', data, 'import', agenda, '--body', 'Town of North Star']), /1 of 1 files could not be imported/);
    expectOneLineError(moot(['--data', data, 'import', agenda, '--body', 'Town of North Star', '--date', '17/08/2020']), /--date must be a real date written YYYY-MM-DD, not "17\/08\/2020"/);
    const r = moot(['--data', data, 'import', agenda, '--body', 'Town of North Star', '--date', '2020-08-17', '--no-report']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported\s+us_northstar_agenda_undated\.md → \/meetings\/2020-08-17-town-of-north-star/);
    writeFileSync(join(dir, 'minutes.txt'), ['ELMWOOD PARISH COUNCIL', 'Minutes of the meeting held on Monday 3 March 2025 at 7.30 pm', '', 'Present: Cllr A Smith (Chairman), Cllr B Jones', '', '1. Apologies', 'None.', '2. Planning', 'Noted.'].join('\n'));
    const refused = moot(['--data', data, 'import', join(dir, 'minutes.txt'), '--date', '2025-03-04', '--no-report']);
    expect(refused.stdout).toMatch(/refused\s+minutes\.txt: --date 2025-03-04 disagrees with the date the document prints \(2025-03-03\)/);
    expect(refused.status).toBe(2);
  });

  it('names the file and the problem when extraction input is bad', () => {
    expectOneLineError(moot(['extract', join(repo, 'no-such-pack.pdf'), '--json']), /no-such-pack\.pdf: No such file/);
  });
});
