// How the pack reads and writes PDFs with pdf-lib without idling. pdf-lib gives the event loop a turn with
// setTimeout(0) every 100 objects it parses and every 50 it writes; node makes each such timeout wait at least 1 ms,
// and longer on a loaded machine, so a 310-page pack spent more time waiting than working (profiled: an uploads-only
// first build idle for 56 ms of its 132). Here pdf-lib parses and writes without those pauses, and the pack gives the
// loop its turn itself, with setImmediate (no minimum delay), between one paper and the next.
import {
  ParseSpeeds, PDFDict, PDFDocument, PDFHeader, PDFObject, PDFPageLeaf, PDFPageTree, PDFRawStream, PDFStream, PDFTrailer,
  PDFName, PDFNumber, PDFTrailerDict, PDFWriter, type PDFContext, type PDFRef,
} from 'pdf-lib';

/** An object whose bytes are ready (numbers already the pack's): written as they are. */
export class WrittenObject extends PDFObject {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }

  override clone(): WrittenObject {
    return new WrittenObject(this.bytes);
  }

  override toString(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }

  override sizeInBytes(): number {
    return this.bytes.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

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
 * Wraps a pdf-lib factory (`PDFName.of`, `PDFNumber.of`) so that one argument's instance is made once and shared, up
 * to `kept` arguments: pdf-lib never changes a name or number object once made, so sharing it gives the same bytes.
 */
function madeOnce<A, T>(of: (argument: A) => T, kept: number, shared: (argument: A) => boolean = () => true): (argument: A) => T {
  const made = new Map<A, T>();
  return (argument: A): T => {
    if (!shared(argument)) return of(argument);
    let instance = made.get(argument);
    if (instance === undefined) {
      instance = of(argument);
      if (made.size < kept) made.set(argument, instance);
    }
    return instance;
  };
}

// `PDFName.of` decodes its argument (a regular expression for #xx escapes) before it looks up the one instance of the
// name, on every call: each name the parser reads, and pdf-lib's own `PDFName.of('Contents')`, `'Parent'`, `'Count'`...
// for every page it adds, stamps or reads a box of (5% of a first build's calling thread).
PDFName.of = madeOnce(PDFName.of, 20_000);
// `PDFNumber.of` formats its value with pdf-lib's `numberToString` (a string split and parseInt for every number, to
// avoid exponents) each time: every number the parser reads, each stream's /Length, each marked-content id of the
// structure tree (3.6% of a first build's calling thread). Integers only: they are what repeats.
PDFNumber.of = madeOnce(PDFNumber.of, 50_000, Number.isInteger);

/** A stream's contents copied into the file in one call, not byte by byte (pdf-lib's loop): the same bytes. */
function copyStreamContentsWhole(): void {
  const proto = PDFStream.prototype as unknown as {
    dict: PDFDict; updateDict(): void; getContents(): Uint8Array; copyBytesInto(b: Uint8Array, o: number): number;
  };
  proto.copyBytesInto = function (this: typeof proto, buffer, offset) {
    this.updateDict();
    const start = offset;
    offset += this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM, offset);
    offset += STREAM.length;
    const contents = this.getContents();
    buffer.set(contents, offset);
    offset += contents.length;
    buffer.set(END_STREAM, offset);
    return offset + END_STREAM.length - start;
  };
}
/** The keywords around a stream's contents, as pdf-lib writes them (also splice.ts's laid-out streams). */
export const STREAM = Buffer.from('\nstream\n', 'latin1');
export const END_STREAM = Buffer.from('\nendstream', 'latin1');
copyStreamContentsWhole();

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

/**
 * Writes the pack as `doc.save({ useObjectStreams: false })` does, the same bytes, in one pass and without pausing.
 * pdf-lib's writer measures every object (to allocate the file exactly) before copying it, sets each stream's /Length
 * twice, copies a stream's contents byte by byte, and formats the cross-reference table a padded string at a time:
 * the save was a sixth of the calling thread's CPU in a first build, all of it on the build's tail.
 */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  // What save() does before writing: a page if there is none, form fields' appearances, fonts and images embedded.
  if (doc.getPageCount() === 0) doc.addPage();
  (doc as unknown as { formCache: { getValue(): { updateFieldAppearances(): void } | undefined } }).formCache.getValue()?.updateFieldAppearances();
  await doc.flush();
  return writeDocument(doc.context);
}

/** A file being written: grows as needed, so objects need not be measured first. */
class Output {
  bytes: Buffer;
  length = 0;

  constructor(estimate: number) {
    this.bytes = Buffer.allocUnsafe(estimate);
  }

  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** ASCII text (numbers and keywords). */
  text(s: string): void {
    this.reserve(s.length);
    this.length += this.bytes.write(s, this.length, 'latin1');
  }

  /** An object written where there is room; one that turns out larger than the room left is written again after growing. */
  object(o: PDFObject): void {
    this.reserve(OBJECT_ROOM);
    const at = this.length;
    let n: number;
    try {
      n = o.copyBytesInto(this.bytes, at); // writes past the end are dropped (or throw, for a stream's contents)
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      n = Infinity;
    }
    if (at + n > this.bytes.length) {
      this.reserve(o.sizeInBytes());
      n = o.copyBytesInto(this.bytes, at);
    }
    this.length = at + n;
  }

  /** The file, in memory of its own size. */
  done(): Uint8Array {
    const file = new Uint8Array(this.length);
    file.set(this.bytes.subarray(0, this.length));
    return file;
  }
}

const OBJECT_ROOM = 64 * 1024;
const ZEROS = '0000000000';

function padded(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : ZEROS.slice(0, width - s.length) + s;
}

/** The objects by ascending number, as pdf-lib's writer orders them (a stable sort by object number). */
function byNumber(ctx: PDFContext): [PDFRef, PDFObject][] {
  const objects = (ctx as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects;
  const slots: ([PDFRef, PDFObject] | undefined)[] = new Array(ctx.largestObjectNumber + 1);
  for (const entry of objects) {
    const n = entry[0].objectNumber;
    if (slots[n] !== undefined || n > ctx.largestObjectNumber) return ctx.enumerateIndirectObjects(); // two generations of a number
    slots[n] = entry;
  }
  const ordered: [PDFRef, PDFObject][] = [];
  for (const entry of slots) if (entry !== undefined) ordered.push(entry);
  return ordered;
}

/** About the file's size: streams and written objects by their contents, other objects a few hundred bytes each. */
function estimate(objects: [PDFRef, PDFObject][]): number {
  let size = 4096;
  for (const [, o] of objects) {
    size += 64;
    if (o instanceof PDFRawStream) size += o.contents.length + 256;
    else size += o instanceof WrittenObject ? o.sizeInBytes() : 256;
  }
  return size;
}

function writeDocument(ctx: PDFContext): Uint8Array {
  const objects = byNumber(ctx);
  const out = new Output(estimate(objects));
  out.object(PDFHeader.forVersion(1, 7) as unknown as PDFObject);
  out.text('\n\n');
  const offsets = new Array<number>(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const [ref, object] = objects[i];
    offsets[i] = out.length;
    out.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    out.object(object);
    out.text('\nendobj\n\n');
  }
  // The cross-reference table: the free entry 0, then a subsection for each run of consecutive object numbers.
  const xrefAt = out.length;
  let xref = 'xref\n';
  let entries = '0000000000 65535 f \n';
  let first = 0;
  let count = 1;
  let previous = 0;
  for (let i = 0; i < objects.length; i++) {
    const ref = objects[i][0];
    if (ref.objectNumber - previous > 1) {
      xref += `${first} ${count}\n${entries}`;
      entries = '';
      first = ref.objectNumber;
      count = 0;
    }
    entries += `${padded(offsets[i], 10)} ${padded(ref.generationNumber, 5)} n \n`;
    count++;
    previous = ref.objectNumber;
  }
  xref += `${first} ${count}\n${entries}`;
  out.text(xref);
  out.text('\n');
  const trailerDict = (PDFWriter.forContext(ctx, Infinity) as unknown as { createTrailerDict(): PDFDict }).createTrailerDict();
  out.object(PDFTrailerDict.of(trailerDict) as unknown as PDFObject);
  out.text('\n\n');
  out.object(PDFTrailer.forLastCrossRefSectionOffset(xrefAt) as unknown as PDFObject);
  return out.done();
}
