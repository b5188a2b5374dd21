// `moot doctor`: checks a deployment and says what to fix. Each check gives ok, a warning (works, but should be
// fixed) or a failure (something people rely on does not work), with the fix in one sentence.
import { readdirSync, statfsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { resolveWebConfig, type MootConfig } from '../config.js';
import { MootError } from '../errors.js';
import { openStore, type Store } from '../store/db.js';
import { appliedMigrations } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { lastJobRun } from '../store/operations.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  name: string;
  status: CheckStatus;
  message: string;
  fix?: string;
}

function reachable(host: string, port: number, timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem: string | null) => { socket.destroy(); resolve(problem); };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs / 1000} s`));
    socket.once('connect', () => done(null));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'connection refused' : e.code ?? e.message));
  });
}

/** Where scheduled backups are written (MOOT_BACKUP_DIR, default DATA/backups). */
export function backupDir(config: MootConfig, env: NodeJS.ProcessEnv = process.env): string {
  return env.MOOT_BACKUP_DIR || join(config.dataDir, 'backups');
}

export async function runDoctor(config: MootConfig, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Promise<Check[]> {
  const checks: Check[] = [];
  const production = env.NODE_ENV === 'production';

  // Database reachable and migrated.
  let store: Store | null = null;
  try {
    store = await openStore(config, { migrate: false });
    const applied = await appliedMigrations(store.db as never);
    const pending = MIGRATIONS.map((m) => m.name).filter((n) => !applied.includes(n));
    if (pending.length) checks.push({ name: 'Database', status: 'fail', message: `${store.description} is reachable but ${pending.length} migration(s) are not applied (${pending.join(', ')})`, fix: 'Run `moot migrate` (moot serve also applies them on start)' });
    else checks.push({ name: 'Database', status: 'ok', message: `${store.description} is reachable, schema up to date (${MIGRATIONS[MIGRATIONS.length - 1].name})` });
  } catch (e) {
    const line = e instanceof MootError ? e.message : (e as Error).message;
    checks.push({ name: 'Database', status: 'fail', message: line, fix: e instanceof MootError && e.hint ? e.hint : 'Check DATABASE_URL or --data' });
  }

  // Base URL and trusted proxies: read exactly as `moot serve` reads them (resolveWebConfig), so what passes here
  // is what the server accepts, and what the server refuses fails here with the same sentence.
  const web = resolveWebConfig(env);
  const baseProblem = web.problems.find((p) => p.startsWith('MOOT_BASE_URL'));
  const proxyProblem = web.problems.find((p) => p.startsWith('MOOT_TRUST_PROXY'));
  const baseUrl = web.config.baseUrl;
  if (baseProblem) {
    checks.push({ name: 'Base URL', status: 'fail', message: `${baseProblem}; moot serve refuses to start`, fix: 'Set MOOT_BASE_URL to the address the public uses, e.g. https://democracy.example.gov.uk' });
  } else if (!baseUrl) {
    checks.push({ name: 'Base URL', status: 'warn', message: 'MOOT_BASE_URL is not set, so links in emails come from the address the server listens on', fix: 'Set MOOT_BASE_URL to the address the public uses, e.g. https://democracy.example.gov.uk' });
  } else if (!baseUrl.startsWith('https:') && production) {
    checks.push({ name: 'Base URL', status: 'warn', message: `MOOT_BASE_URL ${baseUrl} is not https`, fix: 'Serve the portal over TLS (see docs/deploy.md) and use an https:// address' });
  } else {
    checks.push({ name: 'Base URL', status: 'ok', message: baseUrl });
  }
  if (proxyProblem) {
    checks.push({ name: 'Proxies', status: 'fail', message: `${proxyProblem}; moot serve refuses to start`, fix: 'List the reverse proxies\' addresses, e.g. MOOT_TRUST_PROXY=127.0.0.1 or 10.0.0.0/8 (docs/deploy.md)' });
  } else if (!web.config.trustProxy.length) {
    checks.push({ name: 'Proxies', status: 'ok', message: 'MOOT_TRUST_PROXY is not set: X-Forwarded-* headers are ignored and clients are known by their own address (behind a reverse proxy, set it to the proxy\'s address)' });
  } else {
    checks.push({ name: 'Proxies', status: 'ok', message: `X-Forwarded-* headers are honoured only from ${web.config.trustProxy.join(', ')}` });
  }

  // Mail: password resets (and alerts) need it.
  const smtp = env.SMTP_URL;
  if (!smtp) {
    checks.push({ name: 'Mail', status: production ? 'fail' : 'warn', message: 'SMTP_URL is not set: password-reset emails cannot be sent', fix: 'Set SMTP_URL (e.g. smtp://user:pass@mail.example.gov.uk:587) and MAIL_FROM' });
  } else {
    let url: URL | null = null;
    try { url = new URL(smtp); } catch { /* reported below */ }
    if (!url || !/^smtps?:$/.test(url.protocol)) checks.push({ name: 'Mail', status: 'fail', message: 'SMTP_URL is not an smtp:// or smtps:// address', fix: 'Set it like smtp://user:pass@mail.example.gov.uk:587' });
    else {
      const port = Number(url.port || (url.protocol === 'smtps:' ? 465 : 587));
      const problem = await reachable(url.hostname, port);
      if (problem) checks.push({ name: 'Mail', status: 'fail', message: `the mail server ${url.hostname}:${port} is not reachable (${problem})`, fix: 'Check SMTP_URL and that this machine may connect to the mail server' });
      else if (!env.MAIL_FROM) checks.push({ name: 'Mail', status: 'warn', message: `${url.hostname}:${port} is reachable but MAIL_FROM is not set`, fix: 'Set MAIL_FROM to the address emails come from' });
      else checks.push({ name: 'Mail', status: 'ok', message: `${url.hostname}:${port} is reachable; mail from ${env.MAIL_FROM}` });
    }
  }

  // Redis, when rate limits are kept there.
  if (env.REDIS_URL) {
    let url: URL | null = null;
    try { url = new URL(env.REDIS_URL); } catch { /* reported below */ }
    const problem = url ? await reachable(url.hostname, Number(url.port || 6379)) : 'not a redis:// address';
    checks.push(problem ? { name: 'Redis', status: 'fail', message: `REDIS_URL is not reachable (${problem})`, fix: 'Start Redis or unset REDIS_URL to keep rate limits in the database' } : { name: 'Redis', status: 'ok', message: `${url?.host} is reachable` });
  }

  // Disk space where the data (and backups) live.
  try {
    const dir = config.databaseUrl ? backupDir(config, env) : config.dataDir;
    const probe = existingParent(dir);
    const s = statfsSync(probe);
    const free = s.bavail * s.bsize;
    const share = s.bavail / Math.max(1, s.blocks);
    const gb = (free / 1024 ** 3).toFixed(1);
    if (free < 1024 ** 3 || share < 0.05) checks.push({ name: 'Disk', status: 'fail', message: `only ${gb} GB (${Math.round(share * 100)}%) free at ${probe}`, fix: 'Free space or move the data directory and backups to a larger disk' });
    else if (free < 5 * 1024 ** 3 || share < 0.15) checks.push({ name: 'Disk', status: 'warn', message: `${gb} GB (${Math.round(share * 100)}%) free at ${probe}`, fix: 'Plan more space: backups and new papers need room' });
    else checks.push({ name: 'Disk', status: 'ok', message: `${gb} GB (${Math.round(share * 100)}%) free at ${probe}` });
  } catch (e) {
    checks.push({ name: 'Disk', status: 'warn', message: `cannot read free space (${(e as Error).message})` });
  }

  // Backups: the newest archive in the backup directory should be less than a day old.
  const dir = backupDir(config, env);
  let newest: { file: string; at: number } | null = null;
  try {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.mootbak')) continue;
      const at = statSync(join(dir, f)).mtimeMs;
      if (!newest || at > newest.at) newest = { file: f, at };
    }
  } catch { /* no directory: no backups */ }
  if (!newest) checks.push({ name: 'Backups', status: 'fail', message: `no backups in ${dir}`, fix: `Schedule \`moot backup --out ${dir}/moot-$(date +%F).mootbak\` daily (docs/deploy.md), or set MOOT_BACKUP_DIR` });
  else {
    const hours = (now - newest.at) / 3_600_000;
    if (hours > 26) checks.push({ name: 'Backups', status: 'fail', message: `the newest backup, ${newest.file}, is ${Math.round(hours)} hours old`, fix: 'Check the backup timer (systemctl status moot-backup.timer) and its log' });
    else checks.push({ name: 'Backups', status: 'ok', message: `${newest.file}, ${hours < 1 ? 'less than an hour' : `${Math.round(hours)} hours`} old` });
  }

  // Scheduled jobs: the purge should have run within two periods while the portal runs.
  if (store) {
    try {
      const last = await lastJobRun(store.db, 'purge');
      if (!last) checks.push({ name: 'Jobs', status: 'warn', message: 'the scheduled purge has never run', fix: 'Start `moot serve`: its job runner purges expired sessions and tokens hourly' });
      else if (last.status === 'failed') checks.push({ name: 'Jobs', status: 'fail', message: `the last purge failed: ${last.summary ?? ''}`, fix: 'Read the serve log for "job failed"' });
      else {
        const hours = (now - Date.parse(last.started_at)) / 3_600_000;
        checks.push(hours > 3 ? { name: 'Jobs', status: 'warn', message: `the purge last ran ${Math.round(hours)} hours ago`, fix: 'Check that `moot serve` is running' } : { name: 'Jobs', status: 'ok', message: `the purge last ran ${Math.round(hours * 60)} minutes ago (${last.summary ?? ''})` });
      }
    } catch { /* an older schema: reported by the database check */ }
    await store.close();
  }
  return checks;
}

function existingParent(dir: string): string {
  let d = dir;
  for (;;) {
    try {
      if (statSync(d).isDirectory()) return d;
    } catch { /* go up */ }
    const up = join(d, '..');
    if (up === d) return d;
    d = up;
  }
}
