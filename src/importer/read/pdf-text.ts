// Reads the text layer of a PDF page by page with pdfjs-dist, turning each page into positioned lines.
// Pages are released as soon as their text is taken, and the document is destroyed however reading ends,
// so a long pack is read in bounded memory. pdfjs's own errors are translated into ImportInputError.
import { ImportInputError } from './errors.js';
import { readPage, type PdfPage } from './page-text.js';
import { claimPage, newClaims, pageFailed } from './page-claims.js';
import { readPagesInWorker, workersAvailable } from './pdf-parallel.js';
import { openPdf } from './pdfjs.js';

export type { PdfLine, PdfPage } from './page-text.js';

/** From this many pages a worker thread shares the reading; below it, handing over costs more than it saves. */
const PARALLEL_FROM = 20;

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
    // this thread and a worker thread each claim the next page until none is left (page-claims.ts)
    const claims = newClaims();
    const far = readPagesInWorker(spare, claims, n);
    const pages: (PdfPage | undefined)[] = new Array(n);
    let mine = 0;
    let failure: ImportInputError | null = null;
    for (let p = claimPage(claims, n); p !== null; p = claimPage(claims, n)) {
      mine++;
      try {
        pages[p - 1] = await readOne(doc, p, file);
      } catch (e) {
        pageFailed(claims, p);
        failure = e as ImportInputError;
        break;
      }
    }
    // every page claimed here: the worker has none to give (it may not even have started), so it is not waited for
    const rest = failure === null && mine === n ? null : await far;
    for (const { page, read } of rest?.pages ?? []) pages[page - 1] = read;
    const lowest = Atomics.load(claims, 1);
    if (rest?.failed && rest.failed.page !== null && rest.failed.page === lowest) throw damagedPage(file, lowest, rest.failed.message);
    // pages the worker claimed and did not read (it could not open its copy, or it stopped): read them here
    for (let p = 1; p <= (lowest || n); p++) {
      if (pages[p - 1] === undefined && p !== lowest) pages[p - 1] = await readOne(doc, p, file);
    }
    if (failure) throw failure;
    return pages as PdfPage[];
  } finally {
    await close();
  }
}
