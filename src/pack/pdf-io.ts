// How the pack reads and writes PDFs with pdf-lib without idling. pdf-lib gives the event loop a turn with
// setTimeout(0) every 100 objects it parses and every 50 it writes; node makes each such timeout wait at least 1 ms,
// and longer on a loaded machine, so a 310-page pack spent more time waiting than working (profiled: an uploads-only
// first build idle for 56 ms of its 132). Here pdf-lib parses and writes without those pauses, and the pack gives the
// loop its turn itself, with setImmediate (no minimum delay), between one paper and the next.
import { ParseSpeeds, PDFDocument } from 'pdf-lib';

/** Parses a PDF in one go (a 20-page upload is about a millisecond of work). */
export function loadPdf(bytes: Uint8Array, opts: { throwOnInvalidObject?: boolean } = {}): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, ...opts });
}

/** Lets pending I/O (other requests) run between steps of a build. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Writes the pack in one go: serialising is a few tens of milliseconds of CPU even for a 300-page pack. */
export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
