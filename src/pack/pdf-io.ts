// How the pack reads and writes PDFs with pdf-lib without idling. pdf-lib gives the event loop a turn with
// setTimeout(0) every 100 objects it parses and every 50 it writes; node makes each such timeout wait at least 1 ms,
// and longer on a loaded machine, so a 310-page pack spent more time waiting than working (profiled: an uploads-only
// first build idle for 56 ms of its 132). Here pdf-lib parses and writes without those pauses, and the pack gives the
// loop its turn itself, with setImmediate (no minimum delay), between one paper and the next.
import { ParseSpeeds, PDFDict, PDFDocument, PDFPageLeaf, PDFPageTree, type PDFName, type PDFObject, type PDFRef } from 'pdf-lib';

const LT = 0x3c;
const GT = 0x3e;
const NL = 0x0a;
const SP = 0x20;

/**
 * pdf-lib measures and writes a dictionary through `entries()`, a new array of new [key, value] pairs each time, and
 * a pack's save measures every dictionary twice and writes it once (about 3% of a first build's main thread in
 * `PDFDict.entries`, and garbage for the collector). The same walk over its map, in the same order, writes the same
 * bytes without the copies.
 */
function writeDictionariesInPlace(): void {
  const proto = PDFDict.prototype as unknown as { dict: Map<PDFName, PDFObject>; sizeInBytes(): number; copyBytesInto(b: Uint8Array, o: number): number };
  proto.sizeInBytes = function (this: typeof proto) {
    let size = 5;
    for (const [key, value] of this.dict) size += key.sizeInBytes() + value.sizeInBytes() + 2;
    return size;
  };
  proto.copyBytesInto = function (this: typeof proto, buffer, offset) {
    const start = offset;
    buffer[offset++] = LT;
    buffer[offset++] = LT;
    buffer[offset++] = NL;
    for (const [key, value] of this.dict) {
      offset += key.copyBytesInto(buffer, offset);
      buffer[offset++] = SP;
      offset += value.copyBytesInto(buffer, offset);
      buffer[offset++] = NL;
    }
    buffer[offset++] = GT;
    buffer[offset++] = GT;
    return offset - start;
  };
}
writeDictionariesInPlace();

/**
 * pdf-lib finds where a page goes in the page tree by walking the kids before it (a lookup each), so a pack's 310
 * pages added one after another walked ~48,000 kids. A page added at the end of a tree whose last kid is a page goes
 * after that kid, which is where the walk ends too: the same tree and bytes, without the walk.
 */
function appendPagesDirectly(): void {
  const proto = PDFPageTree.prototype as unknown as {
    insertLeafNode(this: PDFPageTree, leafRef: PDFRef, targetIndex: number): PDFRef | undefined;
    insertLeafKid(this: PDFPageTree, kidIdx: number, leafRef: PDFRef): void;
  };
  const insert = proto.insertLeafNode;
  proto.insertLeafNode = function (leafRef, targetIndex) {
    const kids = this.Kids();
    const n = kids.size();
    if (n > 0 && targetIndex === this.Count().asNumber() && this.context.lookup(kids.get(n - 1)) instanceof PDFPageLeaf) {
      proto.insertLeafKid.call(this, n, leafRef);
      return undefined;
    }
    return insert.call(this, leafRef, targetIndex);
  };
}
appendPagesDirectly();

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
