// Reads the text layer of a PDF page by page with pdfjs-dist, turning each page into positioned lines.
// Pages are released as soon as their text is taken, and the document is destroyed however reading ends,
// so a long pack is read in bounded memory. pdfjs's own errors are translated into ImportInputError.
import { ImportInputError } from './errors.js';
import { readPage, type PdfPage } from './page-text.js';
import { readPagesInWorker, workersAvailable } from './pdf-parallel.js';
import { openPdf } from './pdfjs.js';

export type { PdfLine, PdfPage } from './page-text.js';

/** From this many pages half the reading goes to a worker thread; below it, handing over costs more than it saves. */
const PARALLEL_FROM = 20;

/**
 * The share of the pages read on the calling thread: it also opened the document first, and its pdfjs inflates
 * through web streams where the worker's does it in one call (pdf-worker.ts), so its pages cost it more. Measured
 * per thread on the 150-page bench pack: at a half each 230 ms of CPU here (with what follows the reading) and 191 ms
 * on the worker; at 0.45, 212 and 216 ms.
 */
const HERE = 0.47;

/** Smaller files cannot hold PARALLEL_FROM pages of text worth splitting; not copied for the worker. */
const MIN_PARALLEL_BYTES = 16 * 1024;

function damagedPage(file: string, page: number, why: string | undefined, cause?: unknown): ImportInputError {
  return new ImportInputError(
    file,
    `This page of the PDF is damaged and its text cannot be read${why ? ` (${why})` : ''}. Download the pack again, or re-save it from a PDF viewer, and import the new copy.`,
    { page, cause },
  );
}

async function readRange(doc: Parameters<typeof readPage>[0], from: number, to: number, file: string): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  for (let p = from; p <= to; p++) pages.push(await readOne(doc, p, file));
  return pages;
}

async function readOne(doc: Parameters<typeof readPage>[0], p: number, file: string): Promise<PdfPage> {
  try {
    return await readPage(doc, p);
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    throw damagedPage(file, p, (e as { message?: string })?.message, e);
  }
}

/** A PDF cut short (interrupted download) lacks the end-of-file marker in its last bytes. */
function looksTruncated(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 4096));
  return !tail.includes('%%EOF');
}

function explainOpenError(file: string, e: unknown): ImportInputError {
  const name = (e as { name?: string })?.name;
  if (name === 'PasswordException') {
    return new ImportInputError(
      file,
      'The PDF is password-protected, so its text cannot be read. Ask the council for an unprotected copy, or remove the password (for example with `qpdf --decrypt --password=... in.pdf out.pdf`) and import that.',
      { cause: e },
    );
  }
  const why = (e as { message?: string })?.message;
  return new ImportInputError(
    file,
    `The PDF is damaged and cannot be opened${why ? ` (${why})` : ''}. Download the pack again, or re-save it from a PDF viewer, and import the new copy.`,
    { cause: e },
  );
}

export async function readPdfPages(bytes: Uint8Array, file: string): Promise<PdfPage[]> {
  if (looksTruncated(bytes)) {
    throw new ImportInputError(
      file,
      'The PDF is incomplete: it stops before its end-of-file marker, so it was probably cut off while downloading or copying. Download the pack again and import the complete file.',
    );
  }
  // A copy for the worker thread, taken first: pdfjs may take over the array it is given.
  const spare = bytes.length >= MIN_PARALLEL_BYTES && workersAvailable() ? bytes.slice() : null;
  const { task, close } = await openPdf(bytes);
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      throw explainOpenError(file, e);
    }
    const n = doc.numPages;
    if (!spare || n < PARALLEL_FROM) return await readRange(doc, 1, n, file);
    // the later pages on the worker thread while this one reads the first
    const half = Math.ceil(n * HERE);
    const far = readPagesInWorker(spare, half + 1, n);
    const pages = await readRange(doc, 1, half, file);
    const rest = await far;
    if (rest && 'failed' in rest && rest.failed.page !== null) throw damagedPage(file, rest.failed.page, rest.failed.message);
    if (rest && 'pages' in rest && rest.pages.length === n - half) pages.push(...rest.pages);
    // the worker could not help (not available, or it failed to open its copy): read them here
    else pages.push(...(await readRange(doc, half + 1, n, file)));
    return pages;
  } finally {
    await close();
  }
}
