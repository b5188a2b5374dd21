// `moot doctor` (is this deployment healthy, and what to fix) and `moot audit export` (the audit log as JSON lines
// or CSV).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MootError } from '../../errors.js';
import { exportAudit, type AuditFormat } from '../../services/audit-export.js';
import { runDoctor } from '../../services/doctor.js';
import { checkThemeFolder } from '../../web/app.js';
import { out, type CliContext } from '../context.js';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

export function register(program: Command, context: () => CliContext): void {
  program
    .command('doctor')
    .description('check this deployment (database, base URL, proxies, mail, Redis, disk, backups, jobs, theme folder) and say what to fix')
    .action(async () => {
      // The portal's theme folder is read as \`moot serve\` reads it (loadTheme), so what fails here stops serve too.
      const checks = [...await runDoctor(context().config), { name: 'Theme', ...checkThemeFolder(process.env.MOOT_THEME) }];
      for (const c of checks) {
        out(`${MARK[c.status]} ${c.name}: ${c.message}`);
        if (c.fix && c.status !== 'ok') out(`    fix: ${c.fix}`);
      }
      const failed = checks.filter((c) => c.status === 'fail').length;
      const warned = checks.filter((c) => c.status === 'warn').length;
      if (failed) throw new MootError(`${failed} problem${failed === 1 ? '' : 's'} to fix${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''} (above)`, { exitCode: 1 });
      out(warned ? `No problems; ${warned} warning${warned === 1 ? '' : 's'}.` : 'Everything checked is fine.');
    });

  const audit = program.command('audit').description('the audit log');
  audit
    .command('export')
    .description('export the audit log in the order things happened (JSON lines or CSV)')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('--from <date>', 'entries at or after this date or time (ISO 8601)')
    .option('--to <date>', 'entries at or before this date or time (ISO 8601)')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (opts: { format: string; from?: string; to?: string; out?: string }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'csv') throw new MootError(`--format must be jsonl or csv, not "${opts.format}"`);
      for (const [name, v] of [['--from', opts.from], ['--to', opts.to]] as const) {
        if (v !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v)))) throw new MootError(`${name} must be a date like 2026-01-31, not "${v}"`);
      }
      // A date alone for --to means the whole of that day.
      const to = opts.to && /^\d{4}-\d{2}-\d{2}$/.test(opts.to) ? `${opts.to}T23:59:59.999Z` : opts.to;
      const store = await context().store({ migrate: false });
      const stream = opts.out ? createWriteStream(resolve(opts.out)) : process.stdout;
      const n = await exportAudit(store, opts.format as AuditFormat, async (chunk) => {
        if (!stream.write(chunk)) await once(stream, 'drain');
      }, { from: opts.from, to });
      if (opts.out) {
        (stream as ReturnType<typeof createWriteStream>).end();
        await once(stream, 'close');
        out(`Exported ${n} audit entries to ${resolve(opts.out)}.`);
      }
    });
}
