// `moot init` and `moot migrate`: create the data directory and bring the database schema up to date.
import type { Command } from 'commander';
import { latestSchema, migrateStore } from '../../services/database.js';
import { out, type CliContext } from '../context.js';

export function register(program: Command, context: () => CliContext): void {
  program
    .command('init')
    .description('create the data directory and the database (SQLite by default, PostgreSQL with DATABASE_URL)')
    .action(async () => {
      const store = await context().store();
      out(`Moot is ready: ${store.description} (schema ${latestSchema()}).`);
      out('Next: `moot demo` loads a demonstration council, `moot serve` starts the portal.');
    });

  program
    .command('migrate')
    .description('apply any pending database migrations')
    .action(async () => {
      const store = await context().store({ migrate: false });
      const report = await migrateStore(store);
      out(report.applied.length ? `Applied ${report.applied.join(', ')} to ${store.description}.` : `${store.description} is up to date (${report.current}).`);
    });
}
