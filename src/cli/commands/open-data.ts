// `moot export popolo --out DIR` writes the public record as Popolo / Open Civic Data JSON (one file per collection
// and popolo.json with all of them); `moot export bulk --out DIR [--year Y] [--with-pdfs]` writes every dataset as CSV
// and JSON, and with --with-pdfs the public PDFs themselves in pdfs[-YEAR].zip.
// Public content only: the same export the Open data page and the API offer.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { MootError } from '../../errors.js';
import { bulkPdfZip, DATASETS, datasetRows, OPEN_DATA_LICENCE, POPOLO_COLLECTIONS, popoloExport, toCsv } from '../../services/open-data.js';
import { out, type CliContext } from '../context.js';
import type { Store } from '../../services/unit.js';

function yearOption(y: string | undefined): number | undefined {
  if (y === undefined) return undefined;
  if (!/^\d{4}$/.test(y)) throw new MootError(`--year must be a year such as 2024, not "${y}"`);
  return Number(y);
}

function baseOption(b: string | undefined): string {
  const base = b ?? process.env.MOOT_BASE_URL ?? process.env.MOOT_PUBLIC_URL;
  if (!base) throw new MootError('say where the portal is published, so links in the export work: --base-url https://democracy.example.gov.uk (or set MOOT_BASE_URL)');
  try {
    return new URL(base).toString().replace(/\/+$/, '');
  } catch {
    throw new MootError(`--base-url must be an address such as https://democracy.example.gov.uk, not "${base}"`);
  }
}

async function outDir(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new MootError(`cannot create ${dir}: ${(e as Error).message}`);
  }
  return dir;
}

/** An export command: where to write, which year, the public address; the action gets them checked, and the store. */
function exportCommand(parent: Command, context: () => CliContext, name: string, description: string, yearText: string,
  write: (to: { dir: string; year: number | undefined; baseUrl: string; store: Store; withPdfs: boolean }) => Promise<void>, options: { pdfs?: boolean } = {}): void {
  const cmd = parent.command(name)
    .description(description)
    .requiredOption('--out <dir>', 'the directory to write into')
    .option('--year <year>', yearText)
    .option('--base-url <url>', 'the public address links are made against (default MOOT_BASE_URL)');
  if (options.pdfs) cmd.option('--with-pdfs', 'also write the public PDFs themselves (papers and agenda packs) in a zip, with SHA256SUMS');
  cmd.action(async (opts: { out: string; year?: string; baseUrl?: string; withPdfs?: boolean }) => {
    const year = yearOption(opts.year);
    const baseUrl = baseOption(opts.baseUrl);
    const dir = await outDir(opts.out);
    await write({ dir, year, baseUrl, store: await context().store(), withPdfs: !!opts.withPdfs });
  });
}

export function register(program: Command, context: () => CliContext): void {
  const exp = program.command('export').description('open data: the public record as Popolo JSON or bulk CSV/JSON');

  exportCommand(exp, context, 'popolo', 'write organizations, persons, posts, memberships, events and vote_events as Popolo JSON (Open Civic Data conventions)',
    'meetings (and their votes) of this calendar year only', async ({ dir, year, baseUrl, store }) => {
      const started = Date.now();
      const all = await popoloExport(store, { baseUrl, year });
      for (const c of POPOLO_COLLECTIONS) await writeFile(join(dir, `${c}.json`), JSON.stringify(all[c], null, 1));
      await writeFile(join(dir, 'popolo.json'), JSON.stringify(all));
      out(`${POPOLO_COLLECTIONS.map((c) => `${all[c].length} ${c}`).join(', ')} written to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

  exportCommand(exp, context, 'bulk', `write every dataset (${DATASETS.join(', ')}) as CSV and JSON`,
    'this calendar year only (file names end -YEAR)', async ({ dir, year, baseUrl, store, withPdfs }) => {
      const suffix = year ? `-${year}` : '';
      for (const d of DATASETS) {
        const rows = await datasetRows(store, d, { baseUrl, year });
        await writeFile(join(dir, `${d}${suffix}.csv`), toCsv(rows));
        await writeFile(join(dir, `${d}${suffix}.json`), JSON.stringify({ dataset: d, year: year ?? null, licence: OPEN_DATA_LICENCE.name, rows }));
        out(`${d}${suffix}: ${rows.length} rows`);
      }
      await writeFile(join(dir, 'LICENCE.txt'), `${OPEN_DATA_LICENCE.name}\n\n${OPEN_DATA_LICENCE.summary}\n`);
      if (withPdfs) {
        // Streamed to the file: one PDF in memory at a time, however large the year.
        const { chunks, summary } = await bulkPdfZip(store, { baseUrl, year });
        await pipeline(Readable.from(chunks), createWriteStream(join(dir, `pdfs${suffix}.zip`)));
        out(`pdfs${suffix}.zip: ${summary.files} PDFs, ${(summary.bytes / 1_048_576).toFixed(1)} MB`);
      }
    }, { pdfs: true });
}
