// `moot extract FILE --json` prints a legacy pack's extraction; `moot import FILE|DIR…` stores packs as
// historic meetings, one transaction per pack, with a progress bar and a summary.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isIsoDate } from '../../domain/dates.js';
import { MootError } from '../../errors.js';
import { EXTRACTION_FORMAT_VERSION, explainExtraction, formatExplanation, importPackArchive, readAndExtract } from '../../services/pack-imports.js';
import { createProgress, out, type CliContext } from '../context.js';

const PACK_EXTENSIONS = new Set(['.pdf', '.txt', '.md']);

async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new MootError(`${p}: no such file or directory`);
    }
    if (info.isDirectory()) {
      const entries = (await readdir(p, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && PACK_EXTENSIONS.has(extname(e.name).toLowerCase()))
        .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
        .sort();
      files.push(...entries);
    } else files.push(p);
  }
  return files;
}

interface OcrFlags { ocr?: boolean; ocrLang?: string }

/** --ocr reads every scanned page; without it a PDF with no text layer at all is still read by OCR, with a notice. */
function ocrOptions(opts: OcrFlags, label: string) {
  let bar: ReturnType<typeof createProgress> | null = null;
  return {
    ocr: opts.ocr ? ('all' as const) : ('auto' as const),
    ocrLang: opts.ocrLang ?? 'eng',
    onOcrPage: (done: number, total: number) => {
      bar ??= createProgress(`OCR ${label}`, total);
      bar.tick(1, `page ${done} of ${total}`);
      if (done === total) { bar.stop(); bar = null; }
    },
  };
}

export function register(program: Command, context: () => CliContext): void {
  program
    .command('extract')
    .description('print the structured extraction of a legacy meeting pack (PDF, .txt or .md)')
    .argument('<file>', 'the pack, agenda or minutes to read')
    .option('--json', 'print JSON in the extraction format (docs/extraction-format.md)')
    .option('--papers', 'include the text of each item\'s papers')
    .option('--explain', 'show, for each field, the page and line it was read from and the rule that read it')
    .option('--ocr', 'read scanned pages by OCR (tesseract); a PDF with no text layer is read by OCR even without it')
    .option('--ocr-lang <langs>', 'OCR languages, e.g. eng or eng+cym', 'eng')
    .action(async (file: string, opts: { json?: boolean; papers?: boolean; explain?: boolean } & OcrFlags) => {
      const { extraction, read } = await readAndExtract(file, ocrOptions(opts, file));
      const { papers, warnings, ...core } = extraction;
      const explanation = opts.explain ? explainExtraction(read.pages, extraction) : undefined;
      if (opts.json) {
        out(JSON.stringify({ formatVersion: EXTRACTION_FORMAT_VERSION, ...core, warnings, ...(opts.papers ? { papers } : {}), ...(explanation ? { explanation } : {}) }, null, 2));
        return;
      }
      if (explanation) {
        out(formatExplanation(explanation));
        for (const w of warnings) out(`warning: ${w}`);
        return;
      }
      const m = core.meeting;
      out(`${m.body ?? '(body not read)'} — ${m.date ?? '(date not read)'}${m.time ? ' at ' + m.time : ''}${m.venue ? ', ' + m.venue : ''}`);
      out(`Agenda items: ${core.agenda.length}; membership: ${core.membership.length}; minutes: ${core.minutes.length}; decisions: ${core.decisions.length}; papers located: ${papers.length}`);
      for (const a of core.agenda) out(`  ${a.code.padEnd(4)} ${a.title}${a.pages ? ` (Pages ${a.pages[0]} - ${a.pages[1]})` : ''}${a.toFollow ? ' (to follow)' : ''}${a.section === 'exempt' ? ' [exempt]' : ''}`);
      for (const w of warnings) out(`warning: ${w}`);
    });

  program
    .command('import')
    .description('import legacy packs (files or directories of .pdf, .txt, .md) as historic meetings')
    .argument('<paths...>', 'files or directories')
    .option('--max-mb <n>', 'largest file accepted, in MB', '50')
    .option('--body <name>', 'the body, for packs whose front sheet does not name it')
    .option('--ocr', 'read scanned pages by OCR (tesseract); a PDF with no text layer is read by OCR even without it')
    .option('--ocr-lang <langs>', 'OCR languages, e.g. eng or eng+cym', 'eng')
    .option('--date <YYYY-MM-DD>', 'the meeting date, for documents that print none (refused if a document prints another)')
    .option('--exact-bodies', 'never take a printed body name to be an existing body whose name differs only in word forms')
    .option('--report <file>', 'append each file\'s outcome to this JSON-lines report (default: import-report.jsonl in the data directory)')
    .option('--no-report', 'write no report file')
    .action(async (paths: string[], opts: { maxMb: string; body?: string; date?: string; exactBodies?: boolean; report?: string | false } & OcrFlags) => {
      const maxBytes = Number.parseFloat(opts.maxMb) * 1024 * 1024;
      if (!(maxBytes > 0)) throw new MootError(`--max-mb must be a positive number, not "${opts.maxMb}"`);
      if (opts.date !== undefined && !isIsoDate(opts.date)) throw new MootError(`--date must be a real date written YYYY-MM-DD, not "${opts.date}"`);
      const files = await collectFiles(paths);
      if (!files.length) throw new MootError(`no .pdf, .txt or .md files found in ${paths.join(', ')}`);
      const ctx = context();
      const store = await ctx.store();
      const report = opts.report === false ? null : opts.report ? resolve(opts.report) : join(ctx.config.dataDir, 'import-report.jsonl');
      if (report) await mkdir(dirname(report), { recursive: true });
      const progress = createProgress('Importing', files.length, { quiet: files.length === 1 });
      const { entries, summary } = await importPackArchive(store, ctx.actor, files, {
        maxBytes, body: opts.body, date: opts.date, exactBodies: opts.exactBodies, report, ...ocrOptions(opts, 'pack'),
        onFile: (e) => progress.tick(1, `${e.status} ${e.file}`),
      });
      progress.stop();
      const quiet = files.length > 50;
      for (const e of entries) {
        if (e.status === 'imported' || e.status === 'updated') {
          if (!quiet) out(`${e.status.padEnd(9)} ${basename(e.file)} → /meetings/${e.meeting}${e.version && e.version > 1 ? ` (version ${e.version})` : ''}${e.warnings.length ? ` (${e.warnings.length} warnings)` : ''}`);
          for (const m of e.bodyMatches) out(`matched   "${m.printed}" to the body "${m.matched}" (${e.file}); --exact-bodies keeps them apart`);
        } else if (e.status === 'duplicate') {
          if (!quiet) out(`skipped   ${basename(e.file)} (duplicate: already imported as /meetings/${e.meeting})`);
        } else out(`refused   ${e.reason}`);
      }
      out(`${summary.imported} imported, ${summary.updated} updated, ${summary.duplicate} skipped as duplicates, ${summary.refused} refused, in ${(summary.ms / 1000).toFixed(1)} s.${report ? ` Report: ${report}` : ''}`);
      if (summary.refused) throw new MootError(`${summary.refused} of ${files.length} files could not be imported`, { hint: 'See the reasons above; nothing was written for them' });
    });
}
