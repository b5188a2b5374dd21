// OCR of scanned pages with Debian's tesseract-ocr: each page is rendered at 300 dpi with pdftoppm
// (poppler-utils) and read by tesseract, two pages at a time on a two-core machine, in page order.
// Where the programs or the language data are missing, the error says which Debian package to install.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImportInputError } from './errors.js';

const run = promisify(execFile);

export interface OcrOptions {
  /** tesseract languages, "eng" by default; "eng+cym" for Welsh and English */
  lang?: string;
  /** resolution the pages are rendered at (300 by default) */
  dpi?: number;
  /** called after each page with the number done and the total */
  onPage?: (done: number, total: number) => void;
}

/** Debian package holding a tesseract language's data. */
const LANG_PACKAGE = (lang: string) => `tesseract-ocr-${lang}`;

let checked: Promise<Set<string>> | null = null;

/** The languages tesseract has data for; throws naming the package when a program is missing. */
async function available(file: string): Promise<Set<string>> {
  checked ??= (async () => {
    try {
      await run('pdftoppm', ['-v']);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftoppm');
    }
    try {
      const { stdout, stderr } = await run('tesseract', ['--list-langs']);
      return new Set(`${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).filter((l) => /^[a-z_]{3,8}$/.test(l)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('tesseract');
      throw e;
    }
  })().catch((e: Error) => {
    checked = null;
    throw e;
  });
  try {
    return await checked;
  } catch (e) {
    const what = (e as Error).message;
    if (what === 'pdftoppm') throw new ImportInputError(file, 'OCR needs pdftoppm, which is not installed: install the Debian package poppler-utils (apt-get install poppler-utils).');
    if (what === 'tesseract') throw new ImportInputError(file, 'OCR needs tesseract, which is not installed: install the Debian packages tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym).');
    throw e;
  }
}

/** Whether OCR can run here (both programs present). */
export async function ocrAvailable(): Promise<boolean> {
  try {
    await available('');
    return true;
  } catch {
    return false;
  }
}

/** Reads the given 1-based pages of a PDF by OCR; returns their text in the order given. */
export async function ocrPdfPages(bytes: Uint8Array, pages: number[], file: string, opts: OcrOptions = {}): Promise<string[]> {
  const lang = opts.lang ?? 'eng';
  const have = await available(file);
  for (const l of lang.split('+')) {
    if (!have.has(l)) throw new ImportInputError(file, `OCR in "${l}" needs its language data: install the Debian package ${LANG_PACKAGE(l)} (apt-get install ${LANG_PACKAGE(l)}).`);
  }
  const dir = await mkdtemp(join(os.tmpdir(), 'moot-ocr-'));
  try {
    const pdf = join(dir, 'in.pdf');
    await writeFile(pdf, bytes);
    const out: string[] = new Array(pages.length).fill('');
    let next = 0;
    let done = 0;
    const workers = Math.max(1, Math.min(pages.length, os.availableParallelism?.() ?? 2, 4));
    const worker = async () => {
      while (next < pages.length) {
        const k = next++;
        const p = pages[k];
        const png = join(dir, `p${p}`);
        await run('pdftoppm', ['-r', String(opts.dpi ?? 300), '-f', String(p), '-l', String(p), '-gray', '-png', '-singlefile', pdf, png]);
        // one thread per tesseract: the pages run side by side instead
        const { stdout } = await run('tesseract', [`${png}.png`, 'stdout', '-l', lang, '--psm', '3'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * 1024 * 1024,
        });
        await rm(`${png}.png`, { force: true });
        out[k] = stdout.replace(/\f/g, '').replace(/[ \t]+$/gm, '');
        opts.onPage?.(++done, pages.length);
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return out;
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    throw new ImportInputError(file, `OCR failed (${((e as Error).message ?? String(e)).split('\n')[0]}). Check the PDF opens in a viewer; OCR it with another tool if it does.`, { cause: e });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
