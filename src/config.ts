// Where Moot keeps its data: a data directory (SQLite file, logs) by default, or PostgreSQL via DATABASE_URL.
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface MootConfig {
  dataDir: string;
  databaseUrl: string | null;
}

export function resolveConfig(options: { data?: string; databaseUrl?: string } = {}, env: NodeJS.ProcessEnv = process.env): MootConfig {
  const dataDir = resolve(options.data ?? env.MOOT_DATA ?? 'data');
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL ?? null;
  return { dataDir, databaseUrl: databaseUrl && databaseUrl.trim() ? databaseUrl.trim() : null };
}

/** Settings that may hold secrets: each may instead be read from a file named by NAME_FILE (Docker/systemd secrets). */
export const SECRET_SETTINGS = ['DATABASE_URL', 'SMTP_URL', 'REDIS_URL', 'MOOT_METRICS_TOKEN'] as const;

/**
 * For each NAME_FILE set in the environment (NAME one of SECRET_SETTINGS), reads the file and sets NAME to its
 * content without the trailing newline. Returns a one-line problem (both set, file unreadable, empty) or null.
 */
export function loadSecretFiles(env: NodeJS.ProcessEnv, read: (path: string) => string): string | null {
  for (const name of SECRET_SETTINGS) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) return `${name} and ${name}_FILE are both set: set one of them`;
    let value: string;
    try {
      value = read(file).replace(/\r?\n$/, '');
    } catch (e) {
      return `cannot read ${name}_FILE ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    if (!value.trim()) return `${name}_FILE ${file} is empty`;
    env[name] = value;
  }
  return null;
}

/**
 * The web server's trust settings (issue 10). Read by `moot serve` (and `moot doctor`):
 * - `MOOT_BASE_URL`: the site's public address, e.g. https://democracy.example.gov.uk. Links in emails (password
 *   reset) are built from it and from nothing in the request. Required when NODE_ENV=production.
 * - `MOOT_TRUST_PROXY`: comma-separated addresses or CIDR ranges of the reverse proxies in front of Moot (also the
 *   words loopback, linklocal, uniquelocal). Only requests from these have X-Forwarded-For/-Proto/-Host honoured;
 *   default none, so a client cannot choose its own address for rate limits, logs and the audit.
 */
export interface WebConfig {
  baseUrl: string | null;
  trustProxy: string[];
  production: boolean;
}

const PROXY_WORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validProxyEntry(entry: string): boolean {
  if (PROXY_WORDS.has(entry)) return true;
  const [addr, bits, extra] = entry.split('/');
  if (extra !== undefined || !addr) return false;
  const family = isIP(addr);
  if (!family) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** The web settings from the environment, with every problem as a one-line sentence (none: usable). */
export function resolveWebConfig(env: NodeJS.ProcessEnv = process.env): { config: WebConfig; problems: string[] } {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  let baseUrl: string | null = null;
  const rawBase = env.MOOT_BASE_URL?.trim();
  if (rawBase) {
    let url: URL | null = null;
    try {
      url = new URL(rawBase);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
      problems.push(`MOOT_BASE_URL must be the site's address, such as https://democracy.example.gov.uk, not "${rawBase}"`);
    } else {
      baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    }
  } else if (production) {
    problems.push('MOOT_BASE_URL must be set when NODE_ENV=production (the address used in emailed links, e.g. https://democracy.example.gov.uk)');
  }
  const trustProxy = (env.MOOT_TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = trustProxy.filter((e) => !validProxyEntry(e));
  if (bad.length) problems.push(`MOOT_TRUST_PROXY must list proxy addresses or CIDR ranges separated by commas; "${bad[0]}" is neither`);
  return { config: { baseUrl, trustProxy: bad.length ? [] : trustProxy, production }, problems };
}
