// Where Moot keeps its data: a data directory (SQLite file, logs) by default, or PostgreSQL via DATABASE_URL.
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
