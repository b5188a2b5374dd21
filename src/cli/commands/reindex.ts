// `moot reindex`: rebuilds the full-text search index from the record, with progress, and reports what it indexed.
import type { Command } from 'commander';
import { rebuildSearchIndex } from '../../services/database.js';
import { createProgress, out, type CliContext } from '../context.js';

const KIND_LABELS: Record<string, string> = {
  meeting: 'meetings', item: 'agenda items', page: 'pages of papers', minute: 'minutes', decision: 'decisions', person: 'people',
};

export function register(program: Command, context: () => CliContext): void {
  program
    .command('reindex')
    .description('rebuild the full-text search index (meetings, agenda items, papers page by page, minutes, decisions, people)')
    .option('--quiet', 'no progress output')
    .action(async (options: { quiet?: boolean }) => {
      const store = await context().store();
      const progress = createProgress('Indexing', 0, { quiet: options.quiet });
      let report;
      try {
        report = await rebuildSearchIndex(store, { progress });
      } finally {
        progress.stop();
      }
      const seconds = report.milliseconds / 1000;
      const rate = seconds > 0 ? Math.round(report.entries / seconds) : report.entries;
      out(`Indexed ${report.entries} entries from ${report.meetings} meetings in ${seconds.toFixed(1)} s (${rate} entries/s) on ${store.description}.`);
      for (const [kind, label] of Object.entries(KIND_LABELS)) out(`  ${label}: ${report.byKind[kind] ?? 0}`);
    });
}
