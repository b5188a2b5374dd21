// Runs a test suite against both stores: SQLite in a temporary data directory, and PostgreSQL in a database of
// its own on the server at 127.0.0.1:5432 (dropped afterwards). PostgreSQL is required in CI (CI=true or
// MOOT_TEST_PG=required): an unreachable server fails the run there instead of skipping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.js';

export const PG_ADMIN_URL = process.env.MOOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const PG_REQUIRED = process.env.MOOT_TEST_PG === 'required' || process.env.CI === 'true';

let pgReachable: boolean | null = null;
export async function postgresReachable(): Promise<boolean> {
  if (pgReachable !== null) return pgReachable;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    pgReachable = true;
  } catch {
    pgReachable = false;
  }
  return pgReachable;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestStore {
  store: Store;
  kind: 'sqlite' | 'postgres';
  /** For SQLite, the data directory; for PostgreSQL, the database URL. */
  location: { dataDir: string; databaseUrl: string | null };
  cleanup(): Promise<void>;
}

export async function createSqliteTestStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'moot-test-'));
  const store = await openStore({ dataDir, databaseUrl: null });
  return {
    store,
    kind: 'sqlite',
    location: { dataDir, databaseUrl: null },
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an empty PostgreSQL database for one test suite and returns its URL, with a function to drop it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `moot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(PG_ADMIN_URL, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function createPostgresTestStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'moot-test-pg-'));
  const { url, drop } = await createPostgresTestDatabase();
  const store = await openStore({ dataDir, databaseUrl: url });
  return {
    store,
    kind: 'postgres',
    location: { dataDir, databaseUrl: url },
    cleanup: async () => {
      await store.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const STORE_KINDS = ['sqlite', 'postgres'] as const;

/**
 * Use in a describe.each over STORE_KINDS:
 *   describe.each(STORE_KINDS)('thing on %s', (kind) => { const t = useTestStore(kind); it(..., () => t().store.db ...) })
 * PostgreSQL suites are skipped with a message when the server is unreachable outside CI.
 */
export async function openTestStore(kind: 'sqlite' | 'postgres'): Promise<TestStore | null> {
  if (kind === 'sqlite') return createSqliteTestStore();
  if (!(await postgresReachable())) {
    if (PG_REQUIRED) throw new Error(`PostgreSQL is required for the tests but unreachable at ${PG_ADMIN_URL}`);
    console.warn(`skipping PostgreSQL tests: no server at ${PG_ADMIN_URL}`);
    return null;
  }
  return createPostgresTestStore();
}
