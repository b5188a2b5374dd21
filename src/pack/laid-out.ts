// Generated papers laid out for a pack, kept as pdfkit made their objects: each object written once, as the text
// pdfkit would write, with its references to other objects left as numbers to fill in. The pack (splice.ts) gives the
// objects numbers of its own and writes them out as they are, so the 2,000-odd small objects of a pack's reports
// (structure elements, fonts, content streams) are never serialised by pdfkit, parsed again by pdf-lib, copied and
// serialised a second time, as they were when each part went through a PDF file of its own. Only what the pack
// changes is handed over as values: each page's dictionary and resources (the pack stamps onto them), each page's
// list of structure elements by marked-content id, and the papers' top-level elements with their first pages.
import { deflateSync } from 'node:zlib';
import { flushStreamText, type Doc } from './typeset.js';

/** A PDF value the pack rebuilds with pdf-lib: a reference is `{ r: id }`, a name `{ n }`, a string `{ s }`. */
export type Plain = number | boolean | null | { r: number } | { n: string } | { s: string } | { x: string } | Plain[] | { d: Record<string, Plain> };

/** One object: `text[0] ref[0] text[1] ref[1] ... text[n]`, where each ref is written as "N 0 R" with N the pack's number. */
export interface LaidOutObject {
  id: number;
  text: string[];
  refs: number[];
  /** The stream's bytes as written (deflated where pdfkit deflates), after `text` and "stream". */
  stream?: Uint8Array;
  /**
   * Set while `stream` is not yet deflated (see deflateStreams): where in `text` its deflated length goes, the part
   * and the offset in it.
   */
  deflate?: { part: number; offset: number };
}

export interface LaidOutPage {
  id: number;
  /** The page's own entries, its Parent, Contents, Resources and StructParents left out. */
  dict: Record<string, Plain>;
  contents: number;
  resources: { id: number; dict: Record<string, Plain> };
  /** The structure element of each marked-content id on the page. */
  parents: (number | null)[];
}

export interface LaidOut {
  objects: LaidOutObject[];
  pages: LaidOutPage[];
  /** Top-level structure elements (one per paper), in order, with the index of the first page each marks. */
  tops: { id: number; page: number }[];
  /** pdfkit's Document element: its children point to it as their parent; the pack's own takes its place. */
  document: number;
  /** The index of each paper's first page. */
  starts: number[];
  /** Bytes held, roughly (for the layout cache's bound). */
  size: number;
}

interface PdfkitRef {
  id: number;
  data: unknown;
  buffer: Uint8Array[] | Uint8Array;
  compress: boolean;
  offset: number;
  document: { _offset: number; _refEnd(ref: PdfkitRef): void; _security?: unknown };
  finalize(): void;
}

interface PdfkitTree {
  _items: Record<string, unknown>;
  limits: boolean;
  _compareKeys(a: string, b: string): number;
  _keysName(): string;
  _dataForKey(k: string): unknown;
}

/** A structure element as it was written: its parent, the page it marks, its child elements. */
interface Element { parent: number; page?: number; kids: number[] }

interface Sink {
  objects: Map<number, { object: LaidOutObject; element?: Element }>;
}

const sinks = new WeakMap<object, Sink>();
let refProto: PdfkitRef | undefined;

/** Objects of `doc` are kept (not written) from now on; pdfkit's own object class is patched once, for these documents only. */
export function captureObjects(doc: Doc): void {
  const root = (doc as unknown as { _root: PdfkitRef })._root;
  if (!refProto) {
    const proto = Object.getPrototypeOf(root) as PdfkitRef;
    refProto = proto;
    const finalize = proto.finalize;
    proto.finalize = function (this: PdfkitRef) {
      const sink = sinks.get(this.document);
      if (!sink || this.document._security) return finalize.call(this);
      flushStreamText(this);
      let stream: Uint8Array | undefined;
      const chunks = this.buffer as Uint8Array[];
      if (chunks.length) {
        // A buffer of its own (the worker hands it over whole). A stream pdfkit deflates is deflated by the thread
        // that takes the papers in (deflateStreams), whose length is written into the object's text there.
        const whole = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        stream = whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength ? whole : new Uint8Array(whole);
        if (this.compress) (this.data as Record<string, unknown>).Length = DEFLATED_LENGTH;
        else (this.data as Record<string, unknown>).Length = stream.length;
      }
      this.buffer = [];
      // Written now, as pdfkit writes it: some objects (structure elements) are emptied once written.
      const w = new Writer();
      w.value(this.data);
      const d = this.data as { S?: unknown; P?: unknown; Pg?: unknown; K?: unknown };
      const element = d && typeof d === 'object' && d.S !== undefined && isRef(d.P)
        ? { parent: d.P.id, page: isRef(d.Pg) ? d.Pg.id : undefined, kids: Array.isArray(d.K) ? d.K.filter(isRef).map((k) => k.id) : [] }
        : undefined;
      sink.objects.set(this.id, { object: { id: this.id, text: w.done(), refs: w.refs, stream, deflate: w.lengthAt }, element });
      this.offset = this.document._offset;
      this.document._refEnd(this);
    };
  }
  sinks.set(doc, { objects: new Map() });
}

/** Stands for a stream's length until it is deflated (see deflateStreams). */
const DEFLATED_LENGTH = Object.freeze({});

/**
 * Deflates the laid-out streams still raw and writes their lengths (level 3, not zlib's 6: a first build's deflating
 * costs half as much for a pack ~2% larger, the bench's 1,004 -> 1,022 KB). This is done by the thread that takes the
 * papers into the pack, not by the layout worker: the worker's layout is the first build's critical path, while the
 * calling thread waits for it with a core to spare (the same zlib at the same level, so the same bytes).
 */
export function deflateStreams(laidOut: LaidOut): LaidOut {
  for (const o of laidOut.objects) {
    if (!o.deflate || !o.stream) continue;
    const bytes = deflateSync(o.stream, { level: 3 });
    const { part, offset } = o.deflate;
    const text = o.text[part];
    o.text[part] = `${text.slice(0, offset)}${bytes.length}${text.slice(offset)}`;
    laidOut.size -= o.stream.length - bytes.length;
    o.stream = bytes;
    o.deflate = undefined;
  }
  return laidOut;
}

/** Ends a captured document and returns its pages and objects for a pack. */
export function endCaptured(doc: Doc, starts: number[]): Promise<LaidOut> {
  return new Promise((resolve, reject) => {
    doc.on('end', () => {
      try {
        resolve(collect(doc, starts));
      } catch (e) {
        reject(e as Error);
      }
    });
    doc.on('error', reject);
    doc.on('data', () => undefined);
    doc.end();
  });
}

function isRef(v: unknown): v is PdfkitRef {
  return !!refProto && typeof v === 'object' && v !== null && Object.prototype.isPrototypeOf.call(refProto, v);
}

function collect(doc: Doc, starts: number[]): LaidOut {
  const sink = sinks.get(doc);
  if (!sink) throw new Error('document was not captured');
  sinks.delete(doc);
  const inner = doc as unknown as { _root: PdfkitRef; _info: PdfkitRef };
  const catalog = inner._root.data as Record<string, unknown>;
  const pagesRoot = catalog.Pages as PdfkitRef;
  const structRoot = catalog.StructTreeRoot as PdfkitRef | undefined;
  const structData = structRoot?.data as { K?: PdfkitRef[]; ParentTree?: PdfkitTree } | undefined;
  const documentEl = structData?.K?.[0];
  const documentKids = documentEl && sink.objects.get(documentEl.id)?.element?.kids;
  if (!structData || !documentEl || !documentKids) throw new Error('laid-out papers have no structure tree');
  // What the pack makes for itself: the catalog and all it points at (page tree, names, structure root, mark info,
  // metadata), the document information and its entries (each an object of its own), and pdfkit's Document element.
  const drop = new Set<number>([inner._root.id, inner._info.id, documentEl.id]);
  for (const v of [...Object.values(catalog), ...Object.values(inner._info.data as Record<string, unknown>)]) if (isRef(v)) drop.add(v.id);

  const pageRefs = (pagesRoot.data as { Kids: PdfkitRef[] }).Kids;
  const tree = structData.ParentTree?._items ?? {};
  // Each step a small function of its own: this runs once a layout, and V8 compiles (and recompiles, on the layout
  // thread too) a function with several long loops as one large unit, at more cost than the loops themselves.
  const pages = pageRefs.map((p) => handedOver(p, tree, drop));
  const tops = topElements(sink, new Map(pageRefs.map((p, i) => [p.id, i])), new Set(documentKids));
  const { objects, size } = keptObjects(sink, drop);
  return { objects, pages, tops, document: documentEl.id, starts, size };
}

/** A page as the pack rebuilds it: its own entries as values, its resources, its elements by marked-content id. */
function handedOver(p: PdfkitRef, tree: Record<string, unknown>, drop: Set<number>): LaidOutPage {
  const data = p.data as Record<string, unknown>;
  const resources = data.Resources as PdfkitRef;
  const contents = data.Contents as PdfkitRef;
  const dict: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || k === 'Parent' || k === 'Contents' || k === 'Resources' || k === 'StructParents') continue;
    dict[k] = plain(v);
  }
  const key = data.StructParents as number | undefined;
  const list = (key === undefined ? [] : (tree[key] as (PdfkitRef | null | undefined)[] | undefined) ?? []);
  drop.add(p.id);
  drop.add(resources.id);
  return {
    id: p.id, dict, contents: contents.id,
    resources: { id: resources.id, dict: (plain(resources.data) as { d: Record<string, Plain> }).d },
    parents: Array.from(list, (r) => (r ? r.id : null)),
  };
}

/** Each top-level element's first page: the earliest page any element under it marks. */
function topElements(sink: Sink, pageIndex: Map<number, number>, topIds: Set<number>): { id: number; page: number }[] {
  const parentOf = new Map<number, number>();
  const firstPage = new Map<number, number>();
  for (const [id, { element }] of sink.objects) {
    if (!element) continue;
    parentOf.set(id, element.parent);
    if (element.page !== undefined) firstPage.set(id, pageIndex.get(element.page) ?? Infinity);
  }
  const topFirst = new Map<number, number>();
  for (const [id, page] of firstPage) {
    let cur: number | undefined = id;
    while (cur !== undefined && !topIds.has(cur)) cur = parentOf.get(cur);
    if (cur !== undefined && page < (topFirst.get(cur) ?? Infinity)) topFirst.set(cur, page);
  }
  return [...topIds].filter((id) => topFirst.has(id)).map((id) => ({ id, page: topFirst.get(id)! }));
}

/** The objects the pack takes as they are, and roughly the bytes they hold. */
function keptObjects(sink: Sink, drop: Set<number>): { objects: LaidOutObject[]; size: number } {
  const objects: LaidOutObject[] = [];
  let size = 0;
  for (const [id, { object }] of sink.objects) {
    if (drop.has(id)) continue;
    objects.push(object);
    size += 24 + (object.stream?.length ?? 0) + object.text.reduce((s, t) => s + t.length, 0);
  }
  return { objects, size };
}

/** A value as pdfkit would write it (PDFObject.convert), its references collected instead of numbered. */
class Writer {
  readonly refs: number[] = [];
  /** Where the stream's deflated length goes, when it was DEFLATED_LENGTH. */
  lengthAt: { part: number; offset: number } | undefined;
  private readonly parts: string[] = [];
  private cur = '';

  done(): string[] {
    this.parts.push(this.cur);
    return this.parts;
  }

  private ref(id: number): void {
    this.parts.push(this.cur);
    this.cur = '';
    this.refs.push(id);
  }

  value(v: unknown): void {
    if (v === DEFLATED_LENGTH) this.lengthAt = { part: this.parts.length, offset: this.cur.length };
    else if (typeof v === 'string') this.cur += `/${v}`;
    else if (typeof v === 'number') this.cur += String(pdfNumber(v));
    else if (v instanceof String) this.cur += literal(v.valueOf());
    else if (v instanceof Uint8Array) this.cur += `<${Buffer.from(v).toString('hex')}>`;
    else if (isRef(v)) this.ref(v.id);
    else if (isTree(v)) this.tree(v);
    else if (v instanceof Date) this.cur += literal(pdfDate(v));
    else if (Array.isArray(v)) {
      this.cur += '[';
      v.forEach((e, i) => {
        if (i) this.cur += ' ';
        this.value(e === undefined ? null : e);
      });
      this.cur += ']';
    } else if (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]') {
      this.cur += '<<';
      for (const key in v as Record<string, unknown>) {
        const val = (v as Record<string, unknown>)[key];
        if (val === undefined) continue;
        this.cur += `\n/${key} `;
        this.value(val);
      }
      this.cur += '\n>>';
    } else this.cur += `${v as string}`; // booleans, null, spot colours (their name)
  }

  private tree(t: PdfkitTree): void {
    const keys = Object.keys(t._items).sort((a, b) => t._compareKeys(a, b));
    this.cur += '<<';
    if (t.limits && keys.length > 1) {
      this.cur += '\n  /Limits ';
      this.value([t._dataForKey(keys[0]), t._dataForKey(keys[keys.length - 1])]);
    }
    this.cur += `\n  /${t._keysName()} [`;
    for (const k of keys) {
      this.cur += '\n    ';
      this.value(t._dataForKey(k));
      this.cur += ' ';
      this.value(t._items[k]);
    }
    this.cur += '\n]\n>>';
  }
}

function isTree(v: unknown): v is PdfkitTree {
  return !!v && typeof v === 'object' && '_items' in v && typeof (v as PdfkitTree)._keysName === 'function';
}

function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };

/** A literal string as pdfkit writes it: bytes as they are, or UTF-16BE with its byte-order mark beyond ASCII. */
function literal(s: string): string {
  let bin = s;
  if (/[^\u0000-\u007f]/.test(s)) {
    bin = '\u00fe\u00ff';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      bin += String.fromCharCode(c >> 8, c & 0xff);
    }
  }
  return `(${bin.replace(/[\n\r\t\b\f()\\]/g, (c) => ESCAPES[c])})`;
}

function pdfDate(d: Date): string {
  const p = (n: number, l: number) => String(n).padStart(l, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1, 2)}${p(d.getUTCDate(), 2)}${p(d.getUTCHours(), 2)}${p(d.getUTCMinutes(), 2)}${p(d.getUTCSeconds(), 2)}Z`;
}

/** A value for the pack to rebuild (page dictionaries, resources). */
function plain(v: unknown): Plain {
  if (typeof v === 'string') return { n: v };
  if (typeof v === 'number') return pdfNumber(v);
  if (typeof v === 'boolean' || v === null || v === undefined) return v ?? null;
  if (v instanceof String) return { s: v.valueOf() };
  if (v instanceof Uint8Array) return { x: Buffer.from(v).toString('hex') };
  if (isRef(v)) return { r: v.id };
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]') {
    const d: Record<string, Plain> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) if (val !== undefined) d[k] = plain(val);
    return { d };
  }
  // A spot colour in a resource dictionary: its object.
  const ref = (v as { ref?: unknown }).ref;
  if (isRef(ref)) return { r: ref.id };
  throw new Error(`cannot hand over a value of type ${Object.prototype.toString.call(v)}`);
}
