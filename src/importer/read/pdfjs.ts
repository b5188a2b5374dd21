// Loads pdfjs-dist's legacy build (the one meant for Node) once, running its "worker" on the main
// thread: text extraction is not worth a worker thread, and this avoids resolving a worker file at
// run time. CMaps come from the package so text in CJK fonts maps to Unicode.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<{ pdfjs: PdfJs; assets: { cMapUrl: string; wasmUrl: string } }> | undefined;

export function loadPdfJs() {
  loaded ??= (async () => {
    // The legacy build's core-js polyfills replace Array.prototype.push on Node 20 for a spec corner
    // (push onto a frozen length) that nothing here relies on; the polyfill is several times slower
    // than the native push and would slow every push in the process, pdfjs's own included.
    const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
    try {
      const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      const worker = (await import(workerModule)) as { WorkerMessageHandler: unknown };
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
      // No standard font data: text extraction needs only the built-in metrics of the base-14 fonts.
      return { pdfjs, assets: { cMapUrl: join(root, 'cmaps') + '/', wasmUrl: join(root, 'wasm') + '/' } };
    } finally {
      Object.defineProperty(Array.prototype, 'push', push);
    }
  })();
  return loaded;
}
