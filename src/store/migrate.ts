// Runs the forward migrations, and refuses a database made by a newer Moot (one with migrations we do not know).
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { MootError } from '../errors.js';
import type { Dialect } from './migrations/helpers.js';
import { MIGRATIONS } from './migrations/index.js';

const MIGRATION_TABLE = 'moot_migration';
const LOCK_TABLE = 'moot_migration_lock';

export interface MigrationReport {
  applied: string[];
  current: string;
}

export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function checkNotNewer(db: Kysely<unknown>): Promise<void> {
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const unknown = (await appliedMigrations(db)).filter((n) => !known.has(n));
  if (unknown.length) {
    throw new MootError(
      `the database was made by a newer version of Moot (it has migration ${unknown[unknown.length - 1]}, which this version does not know)`,
      { hint: 'Upgrade Moot to the version that made it, or point --data / DATABASE_URL at another database' },
    );
  }
}

/** Runs the migrations `include` picks, in Kysely's migrator, with one error message for a failure. */
async function runMigrations(db: Kysely<unknown>, dialect: Dialect, include: (name: string) => boolean): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const m of MIGRATIONS) if (include(m.name)) migrations[m.name] = { up: (d) => m.up(d, dialect) };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: LOCK_TABLE,
    // Migration numbers are handed out to parallel work, so one may land after a higher number has been applied.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MootError(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`.replace('  ', ' '), { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<MigrationReport> {
  await checkNotNewer(db);
  const applied = await runMigrations(db, dialect, () => true);
  return { applied, current: MIGRATIONS[MIGRATIONS.length - 1].name };
}

/**
 * Applies exactly the named migrations (a prefix of this version's, as a backup records them), so rows from an
 * archive made by an older Moot go into the schema they were read from; migrateToLatest then takes them forward.
 */
export async function migrateToSet(db: Kysely<unknown>, dialect: Dialect, names: string[]): Promise<void> {
  const wanted = new Set(names);
  await runMigrations(db, dialect, (name) => wanted.has(name));
}
