// Entry point of the reading layer: a legacy meeting pack (PDF, .txt or .md) in, page texts out, ready
// for the text parser (extractPack({ source, pages })). Every problem with the input becomes an
// ImportInputError that says what is wrong and what to do.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { decodeText, splitPages } from './decode-text.js';
import { readableText } from './readable.js';
import { ImportInputError } from './errors.js';
import { removeFurniture, type CleanPage, type FurniturePage } from './furniture.js';
import { ocrPdfPages } from './ocr.js';
import { readPdfPages } from './pdf-text.js';
import { reflow } from './reflow.js';
import { sniff } from './sniff.js';
import { DEFAULT_MAX_BYTES, type PackText, type ReadOptions, type ReadWarning } from './types.js';

export { ImportInputError, isImportInputError } from './errors.js';
export type { PackText, ReadOptions, ReadWarning } from './types.js';
export { DEFAULT_MAX_BYTES } from './types.js';

function size(n: number): string {
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function tooBig(file: string, bytes: number, max: number): ImportInputError {
  return new ImportInputError(
    file,
    `The file is ${size(bytes)}, over the ${size(max)} limit for one pack. Check it is a single meeting pack; if it is, raise the limit (maxBytes) or split the pack.`,
  );
}

function fsProblem(file: string, e: unknown): ImportInputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ImportInputError(file, 'No such file. Check the path and the file name.');
  if (code === 'EACCES' || code === 'EPERM') return new ImportInputError(file, 'The file cannot be read: permission denied. Check its permissions.');
  if (code === 'EISDIR') return new ImportInputError(file, 'This is a directory, not a file. Give the path of one pack (a .pdf, .txt or .md file).');
  return new ImportInputError(file, `The file cannot be read (${code ?? String(e)}).`, { cause: e });
}

export async function readPackFile(path: string, opts: ReadOptions = {}): Promise<PackText> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw fsProblem(path, e);
  }
  if (info.isDirectory()) throw fsProblem(path, Object.assign(new Error('directory'), { code: 'EISDIR' }));
  if (!info.isFile()) throw new ImportInputError(path, 'This is not a regular file (a device, socket or pipe). Give the path of a .pdf, .txt or .md file.');
  if (info.size > max) throw tooBig(path, info.size, max);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fsProblem(path, e);
  }
  return guarded(path, () => readBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path, basename(path), max, opts));
}

/** Reads a pack already in memory (an upload); `source` is its file name, used in messages and results. */
export async function readPackBytes(bytes: Uint8Array, source: string, opts: ReadOptions = {}): Promise<PackText> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) throw tooBig(source, bytes.length, max);
  // A plain copy: pdfjs refuses Node Buffers and may take over the array it is given.
  return guarded(source, () => readBytes(new Uint8Array(bytes), source, basename(source), max, opts));
}

/** Whatever else goes wrong still reaches the user as an ImportInputError, never as a bare stack. */
async function guarded(file: string, read: () => Promise<PackText>): Promise<PackText> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    const why = (e as { message?: string })?.message ?? String(e);
    throw new ImportInputError(file, `The file could not be read (${why}). Check it opens in a PDF viewer or text editor; if it does, report this problem with the file attached.`, { cause: e });
  }
}

async function readBytes(bytes: Uint8Array, file: string, source: string, max: number, opts: ReadOptions = {}): Promise<PackText> {
  if (bytes.length > max) throw tooBig(file, bytes.length, max);
  if (bytes.length === 0) throw new ImportInputError(file, 'The file is empty (0 bytes). Download or export the pack again.');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const length = bytes.length;
  const kind = sniff(bytes);
  const ext = extname(source).toLowerCase();

  if (kind.kind === 'other') throw new ImportInputError(file, `This is ${kind.what}, not a meeting pack that can be read. ${kind.advice}`);

  if (kind.kind === 'text') {
    const { text, encoding } = decodeText(bytes);
    if (ext === '.pdf') {
      const html = /^\s*<(?:!doctype html|html)/i.test(text);
      throw new ImportInputError(
        file,
        html
          ? 'The file is named .pdf but holds a web page (HTML), probably an error or sign-in page saved instead of the pack. Download the pack again.'
          : 'The file is named .pdf but is plain text, not a PDF. Rename it to .txt if it is the pack as text, or download the PDF again.',
      );
    }
    if (text.trim() === '') throw new ImportInputError(file, 'The file holds no text, only blank space. Export the pack again.');
    const warnings: ReadWarning[] = [];
    if (encoding === 'windows-1252') {
      warnings.push({ message: 'The file is not valid UTF-8; it was read as Windows-1252. Check that quotes, dashes and £ signs look right.' });
    }
    const raw = splitPages(text);
    // A single page is passed on as written: without page breaks there is no furniture to tell apart.
    const cleaned: CleanPage[] =
      raw.length > 1
        ? removeFurniture(raw.map((p): FurniturePage => ({ lines: p.split('\n').map((t) => ({ text: t })) })))
        : [{ text: raw[0], printed: null, blank: raw[0].trim() === '' ? 'empty' : null }];
    return assemble({ source, sha256, bytes: length, kind: 'text', cleaned, images: [], warnings });
  }

  // Content wins over the name: a PDF saved as .txt is still read as a PDF.
  // pdfjs takes over the array it reads; OCR needs the file's bytes afterwards
  const forOcr = (opts.ocr ?? 'off') !== 'off' ? bytes.slice() : null;
  const pages = await readPdfPages(bytes, file);
  if (pages.length === 0) throw new ImportInputError(file, 'The PDF has no pages. Download or export the pack again.');
  const cleaned = removeFurniture(pages, (kept, page) => reflow(kept, page.width));
  // a text layer of symbols (fonts without a Unicode map) is set aside: that page is read by OCR like a scan
  const unreadable = cleaned.flatMap((c, i) => (c.blank === null && !readableText(c.text) ? [i + 1] : []));
  for (const p of unreadable) cleaned[p - 1] = { ...cleaned[p - 1], text: '', blank: 'empty' };
  const images = pages.map((p, i) => p.images && cleaned[i].blank === 'empty');
  const scanned = images.flatMap((on, i) => (on ? [i + 1] : []));
  const toOcr = [...new Set([...scanned, ...unreadable])].sort((a, b) => a - b);
  let withText = cleaned.filter((c) => c.blank === null).length;
  const mode = opts.ocr ?? 'off';
  const ocrPages: number[] = [];
  const notices: ReadWarning[] = [];
  if (toOcr.length && (mode === 'all' || (mode === 'auto' && withText === 0))) {
    // the scanned pages' text, read from their images, keeping each page in its place
    const texts = await ocrPdfPages(forOcr ?? bytes, toOcr, file, { lang: opts.ocrLang, onPage: opts.onOcrPage });
    toOcr.forEach((p, k) => {
      const [c] = removeFurniture([{ lines: texts[k].split('\n').map((text) => ({ text })) }]);
      if (c.text.trim()) {
        cleaned[p - 1] = { ...c, blank: null };
        images[p - 1] = false;
        ocrPages.push(p);
      }
    });
    withText = cleaned.filter((c) => c.blank === null).length;
    if (ocrPages.some((p) => unreadable.includes(p))) {
      notices.push({ message: `The text layer of ${pageList(unreadable)} is unreadable (its fonts map to no characters, so it extracts as symbols); read by OCR instead.` });
    }
    if (ocrPages.length) {
      notices.push({ message: `${mode === 'auto' && !unreadable.length ? 'The PDF has no text layer, so ' : ''}${ocrPages.length === pages.length ? 'all its pages were' : `${pageList(ocrPages)} ${ocrPages.length === 1 ? 'was' : 'were'}`} read by OCR (tesseract, ${opts.ocrLang ?? 'eng'}); the text may contain errors.` });
    }
  }
  if (withText === 0) {
    throw new ImportInputError(
      file,
      unreadable.length && !ocrPages.length
        ? `The PDF's text layer is unreadable on ${unreadable.length === pages.length ? `all ${pages.length} pages` : pageList(unreadable)} (its fonts map to no characters, so the text extracts as symbols). Import it with --ocr to read it by OCR, or OCR it first (for example \`ocrmypdf --force-ocr in.pdf out.pdf\`).`
        : scanned.length
        ? `The PDF has no text layer: ${scanned.length === pages.length ? `all ${pages.length} pages are` : `${pageList(scanned)} ${scanned.length === 1 ? 'is a' : 'are'}`} scanned image${scanned.length === 1 ? '' : 's'} and the rest are blank. Import it with --ocr to read it by OCR, or OCR it first (for example \`ocrmypdf in.pdf out.pdf\`) and import the OCR'd copy.`
        : `No text was found on any of its ${pages.length} page${pages.length === 1 ? '' : 's'}: they are blank, or the text was drawn as shapes. If the pages show text, the PDF needs OCR first (for example \`ocrmypdf in.pdf out.pdf\`).`,
    );
  }
  const warnings: ReadWarning[] = [...notices, ...unreadable.filter((p) => !ocrPages.includes(p)).map((page) => ({
    page,
    message: `Page ${page}'s text layer is unreadable (its fonts map to no characters), so its text is left out. Import with --ocr to read it by OCR.`,
  })), ...scanned.filter((p) => images[p - 1] && !unreadable.includes(p)).map((page) => ({
    page,
    message: `Page ${page} has no text layer (it is a scanned image), so its text is left out. Import with --ocr to read it, or OCR the PDF (for example \`ocrmypdf in.pdf out.pdf\`) and import it again.`,
  }))];
  const read = assemble({ source, sha256, bytes: length, kind: 'pdf', cleaned, images, warnings });
  if (ocrPages.length) read.ocrPages = ocrPages;
  return read;
}

function pageList(pages: number[]): string {
  if (pages.length === 1) return `page ${pages[0]}`;
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    runs.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return `pages ${runs.join(', ')}`;
}

function assemble(a: {
  source: string;
  sha256: string;
  bytes: number;
  kind: 'pdf' | 'text';
  cleaned: CleanPage[];
  images: boolean[];
  warnings: ReadWarning[];
}): PackText {
  const out: PackText = {
    source: a.source,
    pages: a.cleaned.map((c) => c.text),
    pageNumbers: a.cleaned.map((c) => c.printed),
    blankPages: a.cleaned.flatMap((c, i) => (c.blank && !a.images[i] ? [i + 1] : [])),
    sha256: a.sha256,
    bytes: a.bytes,
    kind: a.kind,
  };
  const scanned = a.images.flatMap((on, i) => (on ? [i + 1] : []));
  if (scanned.length) out.imageOnlyPages = scanned;
  if (a.warnings.length) out.warnings = a.warnings;
  return out;
}
