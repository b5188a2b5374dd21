// `moot data import FILE --kind K [--period P]` stores performance indicators, their values, or a revenue/capital
// budget monitoring report from CSV or XLSX (docs/data-import.md); `moot data template` writes the template for a
// kind; `moot data publish` publishes a period after its checks; `moot data list` shows what is held.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseMoney } from '../../domain/money.js';
import { MootError } from '../../errors.js';
import { DATA_FILE_KINDS, dataTemplate, formatProblem, importDataFile, type DataFileKind } from '../../services/data-files.js';
import { findDataSet, listAllDataSets, publicationProblems, publishDataSet, PublicationRefused, type DataKind } from '../../services/data.js';
import { parseFinancialYear, parsePeriod } from '../../domain/indicators.js';
import { out, type CliContext } from '../context.js';

function kindOption(k: string | undefined): DataFileKind {
  if (!k || !(DATA_FILE_KINDS as readonly string[]).includes(k)) throw new MootError(`--kind must be one of ${DATA_FILE_KINDS.join(', ')}${k ? `, not "${k}"` : ''}`);
  return k as DataFileKind;
}

export function register(program: Command, context: () => CliContext): void {
  const data = program.command('data').description('performance indicators and budget monitoring as data');

  data
    .command('import')
    .description('import indicators, indicator values, or a revenue/capital budget report from CSV or XLSX (see docs/data-import.md)')
    .argument('<file>', 'the .csv or .xlsx file')
    .requiredOption('--kind <kind>', `what the file holds: ${DATA_FILE_KINDS.join(' | ')}`)
    .option('--period <period>', 'the period: month 2025-06, quarter 2025-26 Q1 or year 2025-26 (required for budgets)')
    .option('--threshold <thousands>', "variances over this many £'000s need narrative", '100')
    .option('--dry-run', 'check the file and report, writing nothing')
    .option('--publish', 'publish what was imported if its checks pass')
    .action(async (file: string, opts: { kind: string; period?: string; threshold: string; dryRun?: boolean; publish?: boolean }) => {
      const kind = kindOption(opts.kind);
      if ((kind === 'revenue' || kind === 'capital') && !opts.period) throw new MootError(`a ${kind} report needs --period (e.g. --period 2025-06)`);
      let threshold: number;
      try {
        threshold = parseMoney(opts.threshold, { unit: 'thousands' });
      } catch {
        throw new MootError(`--threshold must be an amount in £'000s such as 100, not "${opts.threshold}"`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch {
        throw new MootError(`${file}: no such file`);
      }
      const ctx = context();
      const store = await ctx.store();
      // Rows are counted as they are read: a line every 1,000 rows (the file is read in one pass, so no bar).
      let rowsRead = 0;
      const result = await importDataFile(store.db, ctx.actor, {
        fileName: basename(file), bytes, kind, period: opts.period ?? null, narrativeThreshold: threshold, dryRun: opts.dryRun,
        onRow: (n) => {
          rowsRead += n;
          if (rowsRead % 1000 === 0) process.stderr.write(`${basename(file)}: ${rowsRead} rows read\n`);
        },
      });
      const { outcome, saved } = result;
      if (outcome.problems.length) {
        for (const p of outcome.problems) out(`problem: ${formatProblem(p)}`);
        throw new MootError(`${basename(file)}: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'} (listed above); nothing was imported`);
      }
      if (!saved) {
        out(`${basename(file)}: ${outcome.rowCount} rows read, no problems (dry run: nothing written)`);
        return;
      }
      if (kind === 'indicators') out(`${saved.indicatorsAdded} indicators added, ${saved.indicatorsChanged} changed`);
      for (const s of saved.saved) out(`${s.changed ? 'imported ' : 'unchanged'} ${s.kind} ${s.period || ''} version ${s.version} (${s.rows} rows)`.replace(/\s+/g, ' '));
      for (const p of saved.publicationProblems) out(`to fix before publication: ${p.message}`);
      if (opts.publish && kind !== 'indicators') {
        for (const s of saved.saved) {
          try {
            await publishDataSet(store.db, ctx.actor, s.dataSetId);
            out(`published ${s.kind} ${s.period} version ${s.version}`);
          } catch (e) {
            if (e instanceof PublicationRefused) throw new MootError(`${s.kind} ${s.period} was imported as a draft but not published: ${e.problems.length} problem(s) listed above`);
            throw e;
          }
        }
      }
    });

  data
    .command('template')
    .description('write the template for one kind of figures file')
    .requiredOption('--kind <kind>', DATA_FILE_KINDS.join(' | '))
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .option('--years <years>', 'capital: the financial years of the cash-limit columns, comma-separated', '2025-26,2026-27,2027-28')
    .option('--out <file>', 'where to write it (default: moot-KIND-template.FORMAT)')
    .action(async (opts: { kind: string; format: string; years: string; out?: string }) => {
      const kind = kindOption(opts.kind);
      if (opts.format !== 'xlsx' && opts.format !== 'csv') throw new MootError(`--format must be xlsx or csv, not "${opts.format}"`);
      const years = opts.years.split(',').map((y) => y.trim()).filter(Boolean);
      for (const y of years) if (!parseFinancialYear(y)) throw new MootError(`--years: "${y}" is not a financial year such as 2025-26`);
      const file = opts.out ?? `moot-${kind}-template.${opts.format}`;
      await writeFile(file, await dataTemplate(kind, opts.format, years));
      out(`wrote ${file}`);
    });

  data
    .command('publish')
    .description('publish the latest version of a period\'s figures, if its checks pass')
    .requiredOption('--kind <kind>', 'indicator-values | revenue | capital')
    .requiredOption('--period <period>', 'the period')
    .action(async (opts: { kind: string; period: string }) => {
      const kind = kindOption(opts.kind);
      const ctx = context();
      const store = await ctx.store();
      const ds = await findDataSet(store.db, kind as DataKind, parsePeriod(opts.period).code);
      if (!ds) throw new MootError(`no ${kind} figures for ${opts.period} have been imported`);
      const problems = await publicationProblems(store.db, ds.id);
      for (const p of problems) out(`problem: ${p.message}`);
      if (problems.length) throw new MootError(`${ds.title} cannot be published: ${problems.length} problem(s) listed above`);
      const after = await publishDataSet(store.db, ctx.actor, ds.id);
      out(`published ${after.title} (version ${after.publishedVersion})`);
    });

  data
    .command('list')
    .description('list the figures held, with their versions and what is published')
    .action(async () => {
      const ctx = context();
      const store = await ctx.store();
      const all = await listAllDataSets(store.db, { kind: 'user', userId: 0, role: 'administrator', personId: null, bodyIds: [], grantedMeetingIds: [] });
      for (const d of all) {
        const state = d.kind === 'indicators' ? '' : d.publishedVersion ? `, published ${d.publishedVersion}` : ', draft';
        out(`${d.kind.padEnd(17)} ${(d.period || '(catalogue)').padEnd(11)} version ${d.currentVersion}${state}`);
      }
      if (!all.length) out('no figures imported yet');
    });
}
