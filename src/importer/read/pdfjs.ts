// Loads pdfjs-dist's legacy build (the one meant for Node) once and opens documents with its "worker"
// side running on this thread (pdfjs's fake worker): text extraction is not worth a worker thread, and
// preloading the worker module avoids resolving a worker file at run time.
// (A port passing messages without pdfjs's structuredClone would save ~12% but is unsafe: pdfjs reuses
// the objects it has just sent, e.g. an operator list's arrays are emptied after each chunk.)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type WorkerSide = { WorkerMessageHandler: unknown };

interface Loaded {
  pdfjs: PdfJs;
  cMapUrl: string;
}

let loaded: Promise<Loaded> | undefined;

function load(): Promise<Loaded> {
  loaded ??= (async () => {
    // The legacy build's core-js polyfills replace Array.prototype.push on Node 20 for a spec corner
    // (push onto a frozen length) that nothing here relies on; the polyfill is several times slower
    // than the native push and would slow every push in the process, pdfjs's own included.
    const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
    try {
      const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      const worker = (await import(workerModule)) as WorkerSide;
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
      return { pdfjs, cMapUrl: join(root, 'cmaps') + '/' };
    } finally {
      Object.defineProperty(Array.prototype, 'push', push);
    }
  })();
  return loaded;
}

export interface OpenedPdf {
  pdfjs: PdfJs;
  task: ReturnType<PdfJs['getDocument']>;
  /** destroys the document and its worker side; safe to call once reading is over, however it ended */
  close(): Promise<void>;
}

export async function openPdf(data: Uint8Array): Promise<OpenedPdf> {
  const { pdfjs, cMapUrl } = await load();
  // No standard font data: text extraction needs only the built-in metrics of the base-14 fonts.
  const task = pdfjs.getDocument({
    data,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // lenient, as PDF viewers are: a slightly malformed content stream still yields its readable text
    stopAtErrors: false,
    cMapUrl,
    cMapPacked: true,
  });
  return {
    pdfjs,
    task,
    close: () => task.destroy(),
  };
}
