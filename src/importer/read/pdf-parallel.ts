// Reads a PDF's pages on a worker thread while the calling thread reads others: pdfjs's
// text extraction is CPU-bound and single-threaded, so a long pack split over two threads reads in
// about half the time on two cores (the worker with a larger young generation, below). One worker beside the calling thread: every thread holds its own pdfjs and copy of
// the document (some 55 MB each), so more would cost memory for no gain on two cores. Where no worker
// can run, the answer is null and the caller reads those pages itself.
import { WorkerSlot } from '../../threads.js';
import type { PageAnswer, PageRequest } from './pdf-worker.js';

// A larger young generation: pdfjs allocates small arrays per glyph, and with the default one it
// spends a fifth of its time collecting them.
const slot = new WorkerSlot<Omit<PageRequest, 'id'>, PageAnswer>(import.meta.url, 'pdf-worker', { maxYoungGenerationSizeMb: 48 });

/**
 * Pages of the PDF in `bytes` (which is handed over to the thread) read on the worker thread as it claims them
 * from `claims` (page-claims.ts), or null when it could not do it.
 */
export function readPagesInWorker(bytes: Uint8Array, claims: Int32Array, count: number): Promise<PageAnswer | null> {
  return slot.run({ bytes, claims, count }, [bytes.buffer as ArrayBuffer]);
}

/** Whether a worker thread can run here. */
export function workersAvailable(): boolean {
  return slot.available();
}
