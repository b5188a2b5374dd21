// `moot meetings [--json]`: meetings with their slugs (the --meeting argument of pack and publish commands).
import type { Command } from 'commander';
import { listMeetings } from '../../services/meetings.js';
import { out, type CliContext } from '../context.js';

export function register(program: Command, context: () => CliContext): void {
  program
    .command('meetings')
    .description('list meetings with their ids and slugs')
    .option('--json', 'print JSON')
    .option('--body <slug>', 'only this body\'s meetings')
    .option('--from <date>', 'from this date (YYYY-MM-DD)')
    .option('--to <date>', 'up to this date (YYYY-MM-DD)')
    .action(async (opts: { json?: boolean; body?: string; from?: string; to?: string }) => {
      const store = await context().store();
      let rows = await listMeetings(store.db, { from: opts.from, to: opts.to });
      if (opts.body) rows = rows.filter((r) => r.body_slug === opts.body);
      if (opts.json) {
        out(JSON.stringify(rows.map((r) => ({ id: r.id, slug: r.slug, body: r.body_name, date: r.date, time: r.time, status: r.status, historic: !!r.historic })), null, 2));
        return;
      }
      for (const r of rows) out(`${String(r.id).padStart(5)}  ${r.slug.padEnd(60)} ${r.status}`);
      out(`${rows.length} meetings.`);
    });
}
