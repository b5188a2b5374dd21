// Loads pdfjs-dist's legacy build (the one meant for Node) once and opens documents with its "worker"
// side running on this thread, over a loopback port of our own (TextPort): text extraction is not worth a
// worker thread of pdfjs's own, and preloading the worker module avoids resolving a worker file at run time.
// The worker module is loaded with two hot spots rewritten (pdfjs-patch.ts).
import { mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { patchPdfWorkerSource } from './pdfjs-patch.js';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type WorkerSide = { WorkerMessageHandler: { initializeFromPort(port: TextPort): void } };

interface Loaded {
  pdfjs: PdfJs;
  worker: WorkerSide;
  cMapUrl: string;
}

type Listener = (event: { data: unknown }) => void;

/** pdfjs's message-handler stream kind for a chunk of a stream (its StreamKind.ENQUEUE). */
const ENQUEUE = 4;

/** A chunk of a page's text content as pdfjs streams it: the items and the styles of their fonts. */
function isTextChunk(message: unknown): message is { chunk: { items: unknown[]; styles: object } } {
  const m = message as { stream?: unknown; chunk?: { items?: unknown; styles?: unknown; fnArray?: unknown } } | null;
  return m?.stream === ENQUEUE && Array.isArray(m.chunk?.items) && typeof m.chunk.styles === 'object' && m.chunk.fnArray === undefined;
}

/**
 * A message whose fields are all strings, numbers, booleans or null (a stream's pull, its acknowledgement, a close):
 * a copy of its fields is what a structured clone would make, without the clone's cost (in Node 20 a clone goes
 * through a message channel; pdfjs sends some twenty of these per page, which cost more than the page's text did).
 */
function isFlat(message: unknown): message is Record<string, unknown> {
  if (message === null || typeof message !== 'object' || Object.getPrototypeOf(message) !== Object.prototype) return false;
  for (const value of Object.values(message)) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol')) return false;
  }
  return true;
}

/**
 * The two sides of pdfjs (the document reader and the API) on one thread talk through a port; pdfjs's own
 * LoopbackPort structured-clones every message, which for a page's text content (an object and a
 * six-number array per run of text) was a tenth of the reading. Text content chunks are passed as they
 * are, with only their outer object copied: pdfjs builds each text item and its arrays afresh and, after
 * sending a chunk, gives that object new item and style containers instead of changing the ones sent.
 * Messages of plain fields are copied (isFlat); everything else (operator lists, whose arrays pdfjs empties after
 * sending, page and document data) is cloned as before.
 */
class TextPort {
  readonly #listeners = new Set<Listener>();
  readonly #delivered = Promise.resolve();

  postMessage(message: unknown, transfer?: NonNullable<Parameters<typeof structuredClone>[1]>['transfer']): void {
    const data = isTextChunk(message)
      ? { ...message, chunk: { ...message.chunk } }
      : !transfer?.length && isFlat(message)
        ? { ...message }
        : structuredClone(message, transfer ? { transfer } : undefined);
    // delivered after the sender's current turn, as a port would
    void this.#delivered.then(() => {
      for (const listener of this.#listeners) listener.call(this, { data });
    });
  }

  addEventListener(_type: string, listener: Listener): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}

/** Whether pdfjs's reader runs with the rewrites of pdfjs-patch.ts (for tests). */
export let pdfWorkerPatched = false;

const COPY_PREFIX = 'moot-pdfjs-';

/**
 * Copies left behind by a thread stopped while it was loading one (a copy is needed for well under a second):
 * removed when older than ten minutes.
 */
async function removeStaleCopies(): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    if (!name.startsWith(COPY_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const info = await stat(dir).catch(() => null);
    if (info && now - info.mtimeMs > 10 * 60 * 1000) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * pdfjs's reader with the rewrites of pdfjs-patch.ts, loaded from a patched copy written to a private temporary
 * directory (mode 0700, removed once loaded; named after the original in stack traces). A data: URL would avoid
 * the file but costs some 50 MB of memory per thread for a 2 MB module. Null when the rewrites do not apply to the
 * installed pdfjs or the copy cannot be written or loaded; pdfjs then runs as shipped.
 */
async function importPatchedWorker(file: string): Promise<WorkerSide | null> {
  let dir: string | undefined;
  try {
    const patched = patchPdfWorkerSource(await readFile(file));
    if (patched === null) return null;
    await removeStaleCopies();
    dir = await mkdtemp(join(tmpdir(), COPY_PREFIX));
    const copy = join(dir, 'pdf.worker.mjs');
    patched.push(Buffer.from(`\n//# sourceURL=${pathToFileURL(file).href}?patched-by-moot\n`));
    const out = await open(copy, 'wx', 0o600);
    try {
      await out.writev(patched);
    } finally {
      await out.close();
    }
    const worker = (await import(pathToFileURL(copy).href)) as WorkerSide;
    pdfWorkerPatched = true;
    return worker;
  } catch {
    return null;
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

let loaded: Promise<Loaded> | undefined;

function load(): Promise<Loaded> {
  loaded ??= (async () => {
    // The legacy build's core-js polyfills replace Array.prototype.push on Node 20 for a spec corner
    // (push onto a frozen length) that nothing here relies on; the polyfill is several times slower
    // than the native push and would slow every push in the process, pdfjs's own included.
    const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
    try {
      const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
      const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      const worker = (await importPatchedWorker(join(root, 'legacy', 'build', 'pdf.worker.mjs'))) ?? ((await import(workerModule)) as WorkerSide);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      return { pdfjs, worker, cMapUrl: join(root, 'cmaps') + '/' };
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
  const { pdfjs, worker, cMapUrl } = await load();
  const port = new TextPort();
  worker.WorkerMessageHandler.initializeFromPort(port);
  const pdfWorker = new pdfjs.PDFWorker({ port: port as never, verbosity: 0 });
  // No standard font data: text extraction needs only the built-in metrics of the base-14 fonts.
  const task = pdfjs.getDocument({
    data,
    worker: pdfWorker,
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
    close: async () => {
      await task.destroy();
      pdfWorker.destroy();
      port.terminate();
    },
  };
}
