// Reads a range of a PDF's pages on a worker thread while the calling thread reads the rest: pdfjs's
// text extraction is CPU-bound and single-threaded, so a long pack split over two threads reads in
// about half the time on two cores, and the worker is tuned for pdfjs (see pdf-worker.ts and the young
// generation below). The worker is started once and kept (unreferenced while idle, so it never holds
// the process open). Where no worker can run — the sources run untranspiled (tests), or the worker
// dies — the answer is null and the caller reads those pages itself.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PageAnswer, PageRequest } from './pdf-worker.js';

type Pending = (a: PageAnswer | null) => void;

/**
 * One worker beside the calling thread: two threads halve the reading on two cores, and every thread
 * holds its own pdfjs and copy of the document (some 55 MB each), so more would cost memory for no gain.
 */
export const WORKERS = 1;

interface Slot {
  worker: Worker | null | undefined; // undefined: not started yet; null: cannot run here
  pending: Map<number, Pending>;
}

const slots: Slot[] = Array.from({ length: WORKERS }, () => ({ worker: undefined, pending: new Map() }));
let nextId = 1;

function workerFile(): URL | null {
  const url = new URL('./pdf-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

function getWorker(slot: Slot): Worker | null {
  if (slot.worker !== undefined) return slot.worker;
  const url = workerFile();
  if (!url) return (slot.worker = null);
  try {
    // A larger young generation: pdfjs allocates small arrays per glyph, and with the default one it
    // spends a fifth of its time collecting them.
    const w = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    w.unref();
    w.on('message', (a: PageAnswer) => {
      const done = slot.pending.get(a.id);
      slot.pending.delete(a.id);
      if (slot.pending.size === 0) w.unref();
      done?.(a);
    });
    const gone = () => {
      if (slot.worker === w) slot.worker = undefined;
      for (const done of slot.pending.values()) done(null);
      slot.pending.clear();
    };
    w.on('error', () => {
      gone();
      void w.terminate();
    });
    w.on('exit', gone);
    slot.worker = w;
  } catch {
    slot.worker = null;
  }
  return slot.worker;
}

/**
 * Pages `from`..`to` (1-based, inclusive) of the PDF in `bytes` (which is handed over to the thread),
 * read on worker thread `which` (0 to WORKERS - 1), or null when it could not do it.
 */
export function readPagesInWorker(which: number, bytes: Uint8Array, from: number, to: number): Promise<PageAnswer | null> {
  const slot = slots[which % WORKERS];
  const w = getWorker(slot);
  if (!w) return Promise.resolve(null);
  const id = nextId++;
  return new Promise<PageAnswer | null>((resolve) => {
    slot.pending.set(id, resolve);
    w.ref();
    try {
      w.postMessage({ id, bytes, from, to } satisfies PageRequest, [bytes.buffer as ArrayBuffer]);
    } catch {
      slot.pending.delete(id);
      if (slot.pending.size === 0) w.unref();
      resolve(null);
    }
  });
}

/** Whether worker threads can run here (they cannot when the sources run untranspiled, as in tests). */
export function workersAvailable(): boolean {
  return workerFile() !== null;
}
