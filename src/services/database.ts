// The database itself: opened from the configuration, its schema brought up to date, the search index rebuilt
// from the record. Commands reach the database through these, never the store.
import { MIGRATIONS } from '../store/migrations/index.js';
import { migrateToLatest, type MigrationReport } from '../store/migrate.js';
import type { Store } from '../store/db.js';

export { openStore, type Store } from '../store/db.js';
export { rebuildSearchIndex } from '../store/search/index.js';

/** The name of the newest migration this version of Moot knows (the schema a fresh database gets). */
export function latestSchema(): string {
  return MIGRATIONS[MIGRATIONS.length - 1].name;
}

/** Applies any pending migrations. */
export function migrateStore(store: Store): Promise<MigrationReport> {
  return migrateToLatest(store.db as never, store.dialect);
}
