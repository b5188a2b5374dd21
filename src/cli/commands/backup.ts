// `moot backup`, `moot restore` and `moot store copy`: a consistent archive of a running council, restoring it
// into an empty store of either kind, and moving a council from SQLite to PostgreSQL in one command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../../config.js';
import { MootError } from '../../errors.js';
import { backupStore, restoreArchive, verifyArchive, type ArchiveSummary, type ProgressFactory } from '../../services/backup.js';
import { openStore } from '../../services/database.js';
import { createProgress, out, type CliContext } from '../context.js';

const progress: ProgressFactory = (title, total) => createProgress(title, total);

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describe(a: ArchiveSummary): string {
  return `${a.rows} rows in ${a.tables.length} tables, ${a.blobs.count} files (${mb(a.blobs.bytes)})`;
}

export function register(program: Command, context: () => CliContext): void {
  program
    .command('backup')
    .description('write a consistent backup of the running council (records, audit log, every file) to one archive')
    .requiredOption('--out <file>', 'the archive to write (e.g. moot-2026-01-31.mootbak)')
    .action(async (opts: { out: string }) => {
      const store = await context().store({ migrate: false });
      const file = resolve(opts.out);
      const a = await backupStore(store, file, { progress });
      out(`Backed up ${describe(a)} from ${store.description} to ${file} (${mb(a.size)}, sha256 ${a.sha256.slice(0, 16)}…).`);
    });

  program
    .command('restore')
    .description('restore a backup into an empty store (the configured SQLite data directory or DATABASE_URL)')
    .argument('<file>', 'an archive written by `moot backup`')
    .option('--check', 'only check the archive (every checksum) without restoring')
    .action(async (fileArg: string, opts: { check?: boolean }) => {
      const file = resolve(fileArg);
      if (opts.check) {
        const a = await verifyArchive(file);
        out(`${file} is intact: ${describe(a)}, taken ${a.createdAt} from ${a.source.description}.`);
        return;
      }
      const store = await context().store({ migrate: false });
      const r = await restoreArchive(store, file, { progress });
      out(`Restored ${describe(r.archive)} into ${r.target}; every table's count and checksum match the backup.`);
      if (r.migrated.length) out(`Then applied ${r.migrated.join(', ')}.`);
    });

  const storeCmd = program.command('store').description('moving a council between stores');
  storeCmd
    .command('copy')
    .description('copy the council to another, empty store (e.g. from SQLite to PostgreSQL), checking every count and checksum')
    .requiredOption('--to <target>', 'postgres://user@host:5432/db, or a data directory for SQLite')
    .action(async (opts: { to: string }) => {
      const ctx = context();
      const source = await ctx.store({ migrate: false });
      const toPostgres = /^postgres(ql)?:\/\//.test(opts.to);
      const targetConfig = toPostgres ? resolveConfig({ databaseUrl: opts.to }, {}) : resolveConfig({ data: opts.to }, {});
      if (!toPostgres && ctx.config.databaseUrl === null && targetConfig.dataDir === ctx.config.dataDir) {
        throw new MootError('the target is the store being copied', { hint: 'Give --to a PostgreSQL URL or another data directory' });
      }
      const target = await openStore(targetConfig, { migrate: false });
      const work = mkdtempSync(join(tmpdir(), 'moot-copy-'));
      try {
        const archive = join(work, 'copy.mootbak');
        await backupStore(source, archive, { progress });
        const r = await restoreArchive(target, archive, { progress });
        out(`Copied ${describe(r.archive)} from ${source.description} to ${r.target}; every table's count and checksum match.`);
        if (toPostgres) out(`Next: set DATABASE_URL=${opts.to.replace(/:[^:@/]*@/, ':…@')} for \`moot serve\` (and keep ${ctx.config.dataDir} as a fallback until you are happy).`);
      } finally {
        rmSync(work, { recursive: true, force: true });
        await target.close();
      }
    });
}
