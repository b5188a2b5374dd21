// Loads pdfjs-dist's legacy build (the one meant for Node) once, running its "worker" on the main
// thread: text extraction is not worth a worker thread, and this avoids resolving a worker file at
// run time. CMaps and standard font data come from the package so CJK and base-14 fonts map to text.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<{ pdfjs: PdfJs; assets: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } }> | undefined;

export function loadPdfJs() {
  loaded ??= (async () => {
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker = (await import(workerModule)) as { WorkerMessageHandler: unknown };
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return {
      pdfjs,
      assets: {
        cMapUrl: join(root, 'cmaps') + '/',
        standardFontDataUrl: join(root, 'standard_fonts') + '/',
        wasmUrl: join(root, 'wasm') + '/',
      },
    };
  })();
  return loaded;
}
