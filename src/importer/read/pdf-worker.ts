// Worker thread side of reading a long PDF in parallel: opens its own copy of the document and reads
// the pages it is asked for, answering with plain page data or the page that could not be read.
import { parentPort } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import { readPage, type PdfPage } from './page-text.js';
import { openPdf } from './pdfjs.js';

export interface PageRequest {
  id: number;
  bytes: Uint8Array;
  from: number;
  to: number;
}

export type PageAnswer = { id: number; pages: PdfPage[] } | { id: number; failed: { page: number | null; message: string } };

/**
 * pdfjs inflates every content stream through a web DecompressionStream, which round-trips each one
 * through libuv's thread pool and web-stream plumbing; for the small streams of a pack page that costs
 * more than the inflating. On this thread alone (its globals are its own) the same zlib inflate runs
 * synchronously. It fails where the web stream would (bad or truncated data), and pdfjs then falls
 * back to its own decoder as before.
 */
class SyncDecompressionStream {
  readonly writable: { getWriter(): { ready: Promise<void>; write(b: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: AsyncIterable<Uint8Array>;

  constructor(format: string) {
    if (format !== 'deflate') throw new TypeError(`unsupported format ${format}`);
    const chunks: Uint8Array[] = [];
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    this.writable = {
      getWriter: () => ({
        ready: Promise.resolve(),
        write: (b: Uint8Array) => {
          chunks.push(b);
          return Promise.resolve();
        },
        close: () => {
          closed();
          return Promise.resolve();
        },
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await done;
        yield new Uint8Array(inflateSync(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      },
    };
  }
}
(globalThis as { DecompressionStream?: unknown }).DecompressionStream = SyncDecompressionStream;

const message = (e: unknown) => (e as { message?: string })?.message ?? String(e);

async function answer(req: PageRequest): Promise<PageAnswer> {
  const { task, close } = await openPdf(req.bytes);
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      return { id: req.id, failed: { page: null, message: message(e) } };
    }
    const pages: PdfPage[] = [];
    for (let p = req.from; p <= req.to; p++) {
      try {
        pages.push(await readPage(doc, p));
      } catch (e) {
        return { id: req.id, failed: { page: p, message: message(e) } };
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
    (e: unknown) => parentPort?.postMessage({ id: req.id, failed: { page: null, message: message(e) } } satisfies PageAnswer),
  );
});
