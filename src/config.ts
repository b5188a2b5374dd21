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
