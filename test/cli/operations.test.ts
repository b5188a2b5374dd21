// `moot doctor` says what to fix (exit 1 while something fails), `moot audit export` writes the audit log as JSON
// lines or CSV, and secrets can come from files (NAME_FILE).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSecretFiles, resolveWebConfig } from '../../src/config.js';
import { runDoctor } from '../../src/services/doctor.js';
import { openStore } from '../../src/services/database.js';
import { createPerson } from '../../src/store/people.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'moot-cli-ops-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function moot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '', SMTP_URL: '', MOOT_BASE_URL: '', REDIS_URL: '', MOOT_THEME: '', ...env }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('operations commands', () => {
  it('doctor names each problem with its fix, and passes once they are fixed', () => {
    const data = join(work, 'data');
    expect(moot(['--data', data, 'init']).status).toBe(0);
    const bad = moot(['--data', data, 'doctor'], { NODE_ENV: 'production' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/✓ Database: SQLite at .* schema up to date/);
    expect(bad.stdout).toMatch(/✗ Base URL: MOOT_BASE_URL must be set when NODE_ENV=production .*moot serve refuses to start\n {4}fix: Set MOOT_BASE_URL/);
    expect(bad.stdout).toMatch(/✓ Proxies: MOOT_TRUST_PROXY is not set/);
    expect(bad.stdout).toMatch(/✗ Mail: SMTP_URL is not set/);
    expect(bad.stdout).toMatch(/✗ Backups: no backups in .*backups\n {4}fix: Schedule `moot backup/);
    expect(bad.stderr).toMatch(/^moot: 3 problems to fix/);

    mkdirSync(join(data, 'backups'));
    expect(moot(['--data', data, 'backup', '--out', join(data, 'backups', 'today.mootbak')]).status).toBe(0);
    const pale = mkdtempSync(join(work, 'theme-'));
    writeFileSync(join(pale, 'theme.json'), JSON.stringify({ colours: { link: '#aaaaaa' } }));
    const theme = moot(['--data', data, 'doctor'], { MOOT_BASE_URL: 'https://democracy.example.gov.uk', MOOT_THEME: pale });
    expect(theme.stdout).toMatch(/✗ Theme: .*theme\.json: colours\.link #aaaaaa .*; moot serve refuses to start\n {4}fix: Choose a darker or lighter colour/);
    const good = moot(['--data', data, 'doctor'], { MOOT_BASE_URL: 'https://democracy.example.gov.uk', MOOT_THEME: join(repo, 'themes', 'example-county') });
    expect(good.stdout).toMatch(/✓ Theme: .*example-county: /);
    expect(good.stdout).toMatch(/✓ Base URL: https:\/\/democracy\.example\.gov\.uk/);
    expect(good.stdout).toMatch(/✓ Backups: today\.mootbak, less than an hour old/);
    expect(good.stdout).toMatch(/! Mail: SMTP_URL is not set/); // a warning outside production
    expect(good.status).toBe(0);
  }, 300_000);

  it('doctor reads the base URL and proxies as moot serve does (resolveWebConfig), failing what serve refuses', async () => {
    const config = { dataDir: join(work, 'doctor-web'), databaseUrl: null };
    const check = async (env: NodeJS.ProcessEnv, name: string) => (await runDoctor(config, env)).find((c) => c.name === name);
    // An address serve refuses (a query string) fails here with serve's own sentence.
    const query = await check({ MOOT_BASE_URL: 'https://democracy.example.gov.uk/?x=1' }, 'Base URL');
    expect(query?.status).toBe('fail');
    expect(query?.message).toBe(`${resolveWebConfig({ MOOT_BASE_URL: 'https://democracy.example.gov.uk/?x=1' }).problems[0]}; moot serve refuses to start`);
    // The address serve uses (trailing slash dropped) is the one reported.
    expect(await check({ MOOT_BASE_URL: 'https://democracy.example.gov.uk/' }, 'Base URL')).toMatchObject({ status: 'ok', message: 'https://democracy.example.gov.uk' });
    expect(await check({ MOOT_BASE_URL: 'http://democracy.example.gov.uk', NODE_ENV: 'production' }, 'Base URL')).toMatchObject({ status: 'warn' });
    expect(await check({}, 'Base URL')).toMatchObject({ status: 'warn' });
    expect(await check({ NODE_ENV: 'production' }, 'Base URL')).toMatchObject({ status: 'fail' });
    const proxy = await check({ MOOT_TRUST_PROXY: '10.0.0.0/8, proxy.example' }, 'Proxies');
    expect(proxy).toMatchObject({ status: 'fail', message: expect.stringMatching(/^MOOT_TRUST_PROXY must list .* "proxy\.example" is neither; moot serve refuses to start$/) });
    expect(await check({ MOOT_TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }, 'Proxies')).toMatchObject({ status: 'ok', message: 'X-Forwarded-* headers are honoured only from 127.0.0.1, 10.0.0.0/8' });
  }, 60_000);

  it('warns when a report author has no person, and links one afterwards', async () => {
    const data = join(work, 'author');
    const add = moot(['--data', data, 'user', 'add', '--email', 'Writer@example.org', '--name', 'A Writer', '--role', 'report-author']);
    expect(add.status).toBe(0);
    expect(add.stderr).toMatch(/^moot: warning: writer@example\.org is a report-author not linked to a person, so they cannot draft reports .*\n {4}fix: moot user link --email writer@example\.org --person /);
    expect(moot(['--data', data, 'user', 'add', '--email', 'clerk@example.org', '--name', 'A Clerk', '--role', 'clerk']).stderr).toBe('');
    const store = await openStore({ dataDir: data, databaseUrl: null });
    try {
      await createPerson(store.db, SYSTEM_ACTOR, { title: 'Ms', forenames: 'Wendy', surname: 'Writer', kind: 'officer', jobTitle: 'Policy Officer' });
    } finally {
      await store.close();
    }
    expect(moot(['--data', data, 'user', 'link', '--email', 'writer@example.org', '--person', 'nobody']).stderr).toMatch(/--person: there is no person "nobody"/);
    const link = moot(['--data', data, 'user', 'link', '--email', 'writer@example.org', '--person', 'wendy-writer']);
    expect(link.stdout).toBe('Linked writer@example.org to wendy-writer.\n');
    expect(moot(['--data', data, 'user', 'list']).stdout).toMatch(/writer@example\.org\treport-author\tA Writer\tperson: wendy-writer/);
  }, 300_000);

  it('exports the audit log as JSON lines and CSV, within dates', () => {
    const data = join(work, 'audit');
    expect(moot(['--data', data, 'user', 'add', '--email', 'clerk@example.org', '--name', 'A Clerk, "Democratic" =Services', '--role', 'clerk']).status).toBe(0);
    const jsonl = moot(['--data', data, 'audit', 'export']);
    expect(jsonl.status).toBe(0);
    const entries = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ id: 1, entity: 'user_account' });
    const file = join(work, 'audit.csv');
    const csv = moot(['--data', data, 'audit', 'export', '--format', 'csv', '--out', file]);
    expect(csv.stdout).toMatch(/^Exported \d+ audit entries to .*audit\.csv\./);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\r\n')[0]).toBe('id,at,actor_kind,actor_id,actor_name,action,entity,entity_id,summary,before_json,after_json');
    expect(text.split('\r\n').filter(Boolean).length).toBe(entries.length + 1);
    expect(moot(['--data', data, 'audit', 'export', '--to', '2000-01-01']).stdout).toBe('');
    const bad = moot(['--data', data, 'audit', 'export', '--from', 'yesterday']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^moot: --from must be a date like 2026-01-31, not "yesterday"/);
  }, 300_000);

  it('reads secrets from NAME_FILE, refusing both set, a missing file or an empty one', () => {
    const f = join(work, 'db-url');
    writeFileSync(f, 'postgres://moot:s3cret@127.0.0.1/moot\n');
    const env: NodeJS.ProcessEnv = { DATABASE_URL_FILE: f };
    expect(loadSecretFiles(env, (p) => readFileSync(p, 'utf8'))).toBeNull();
    expect(env.DATABASE_URL).toBe('postgres://moot:s3cret@127.0.0.1/moot');
    expect(loadSecretFiles({ SMTP_URL: 'x', SMTP_URL_FILE: f }, (p) => readFileSync(p, 'utf8'))).toMatch(/both set/);
    expect(loadSecretFiles({ REDIS_URL_FILE: join(work, 'missing') }, (p) => readFileSync(p, 'utf8'))).toMatch(/cannot read REDIS_URL_FILE .* \(ENOENT\)/);
    writeFileSync(join(work, 'empty'), '\n');
    expect(loadSecretFiles({ MOOT_METRICS_TOKEN_FILE: join(work, 'empty') }, (p) => readFileSync(p, 'utf8'))).toMatch(/is empty/);
  });
});
