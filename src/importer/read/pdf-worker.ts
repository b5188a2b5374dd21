// Worker thread side of reading a long PDF in parallel: opens its own copy of the document and reads pages
// while there are pages left to claim (see claimPage), answering with plain page data and, if one could not be
// read, which one and why.
import { parentPort } from 'node:worker_threads';
import { claimPage, pageFailed } from './page-claims.js';
import { readPage, type PdfPage } from './page-text.js';
import { openPdf } from './pdfjs.js';

export interface PageRequest {
  id: number;
  bytes: Uint8Array;
  /** the claims shared with the calling thread (page-claims.ts) */
  claims: Int32Array;
  count: number;
}

export interface PageAnswer {
  id: number;
  /** the pages read here, by page number (1-based) */
  pages: { page: number; read: PdfPage }[];
  /** a page that could not be read (null: the document could not be opened here) */
  failed?: { page: number | null; message: string };
}

const message = (e: unknown) => (e as { message?: string })?.message ?? String(e);

async function answer(req: PageRequest): Promise<PageAnswer> {
  const pages: PageAnswer['pages'] = [];
  // nothing left to claim (the calling thread was quicker): no need to open the document
  if (Atomics.load(req.claims, 0) >= req.count) return { id: req.id, pages };
  const { task, close } = await openPdf(req.bytes);
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      return { id: req.id, pages, failed: { page: null, message: message(e) } };
    }
    for (let p = claimPage(req.claims, req.count); p !== null; p = claimPage(req.claims, req.count)) {
      try {
        pages.push({ page: p, read: await readPage(doc, p) });
      } catch (e) {
        pageFailed(req.claims, p);
        return { id: req.id, pages, failed: { page: p, message: message(e) } };
      }
    }
    return { id: req.id, pages };
  } finally {
    await close();
  }
}

parentPort?.on('message', (req: PageRequest) => {
  answer(req).then(
    (a) => parentPort?.postMessage(a),
    (e: unknown) => parentPort?.postMessage({ id: req.id, pages: [], failed: { page: null, message: message(e) } } satisfies PageAnswer),
  );
});
