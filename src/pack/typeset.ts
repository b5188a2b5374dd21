// pdfkit typesetting helpers: one house style (A4, Noto Sans embedded, bold headings) for every
// generated page, so reports, minutes and the front sheet look like one council's pack.
//
// Every page is tagged (PDF/UA structure): text is drawn inside structure elements (H1-H3, P, L/LI/Lbl/LBody,
// Table/TR/TH/TD) under one Document element, and rules, shading and page numbers are artifacts.
import PDFDocument from 'pdfkit';
import { fontBytes } from './fonts.js';
import type { Block } from './model.js';

export type Doc = PDFKit.PDFDocument;

export const A4 = { width: 595.28, height: 841.89 };
// Bottom margin leaves room for the "Page N" stamp added when the pack is assembled.
export const MARGINS = { top: 56, bottom: 70, left: 62, right: 56 };
export const FONT = 'NotoSans';
export const BOLD = 'NotoSans-Bold';
export const ITALIC = 'NotoSans-Italic';
export const BODY_SIZE = 11;

export interface DocumentMeta {
  /** Keep every page in memory so that footers can be added at the end. */
  bufferPages?: boolean;
  title?: string;
  subject?: string;
  author?: string;
  /** 'YYYY-MM-DD': creation and modification date, so the same content gives the same bytes. */
  date?: string;
}

export function newDocument(meta: DocumentMeta = {}): Doc {
  const date = meta.date ? new Date(`${meta.date}T00:00:00Z`) : undefined;
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    tagged: true,
    margins: MARGINS,
    autoFirstPage: true,
    // No default font: pdfkit would parse its Helvetica metrics for every document, which we never draw with.
    font: null as unknown as string,
    compress: true,
    lang: 'en-GB',
    bufferPages: meta.bufferPages ?? false,
    displayTitle: !!meta.title,
    // Structured papers copied page by page into a pack lose their own Info; standalone documents keep it.
    info: {
      Producer: 'Moot', Creator: 'Moot',
      ...(meta.title ? { Title: meta.title } : {}), ...(meta.subject ? { Subject: meta.subject } : {}), ...(meta.author ? { Author: meta.author } : {}),
      ...(date ? { CreationDate: date, ModDate: date } : {}),
    },
  });
  // The name pdfkit's default font would have taken (F1) stays unused, so our faces keep their names (and the bytes).
  (doc as unknown as PdfkitFonts)._fontCount = 1;
  installFonts(doc);
  collectOutput(doc);
  gatherStreamText(doc);
  (doc as unknown as { _fragment: typeof writeFragment })._fragment = writeFragment;
  return doc.font(FONT).fontSize(BODY_SIZE);
}

/** What a document wrote after it was created: runs of text (each line as pdfkit wrote it) and binary stream data. */
const written = new WeakMap<Doc, { parts: (string | Uint8Array)[]; text: string }>();

/**
 * pdfkit writes a document a line at a time through a Readable stream, each line turned into bytes by a loop over its
 * characters: for a tagged paper's thousands of small objects that machinery cost more than deflating its pages
 * (profiled, ~5% of a first pack build). Here the lines are gathered as one string and converted once when the
 * document is finished; the bytes, and the offsets pdfkit counts for its cross-reference table, are the same.
 */
function collectOutput(doc: Doc): void {
  const out = { parts: [] as (string | Uint8Array)[], text: '' };
  written.set(doc, out);
  const inner = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  inner._write = (data) => {
    if (data instanceof Uint8Array) {
      if (out.text) out.parts.push(out.text);
      out.text = '';
      out.parts.push(data);
      inner._offset += data.length;
    } else {
      const line = `${data}\n`;
      out.text += line;
      inner._offset += line.length;
    }
  };
}

/** pdfkit's indirect object as far as writing its stream goes. */
interface StreamRef {
  document: object;
  data: Record<string, unknown>;
  buffer: Uint8Array[];
  compress: boolean;
  uncompressedLength: number;
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  /** Operators written since the last binary chunk, not yet turned into bytes. */
  pendingText?: string;
}

const gathering = new WeakSet<object>();
let streamProto: StreamRef | undefined;

/**
 * pdfkit writes each content-stream operator (a line of text, a colour, each marked-content tag) as a Uint8Array of
 * its own, made by a loop over its characters, and joins them all when the page ends: tens of thousands of small
 * arrays a pack, for the collector to reclaim. For our documents the operators are gathered as one string per run and
 * turned into bytes once (latin1 keeps each character's low byte, as pdfkit's loop does): the same bytes and Length.
 */
function gatherStreamText(doc: Doc): void {
  gathering.add(doc);
  if (streamProto) return;
  const proto = Object.getPrototypeOf((doc as unknown as { _root: StreamRef })._root) as StreamRef;
  streamProto = proto;
  const write = proto.write;
  const finalize = proto.finalize;
  proto.write = function (this: StreamRef, chunk) {
    if (!gathering.has(this.document)) return write.call(this, chunk);
    if (chunk instanceof Uint8Array) {
      flushStreamText(this);
      return write.call(this, chunk);
    }
    const line = `${chunk}\n`;
    this.pendingText = (this.pendingText ?? '') + line;
    this.uncompressedLength += line.length;
    this.data.Length = ((this.data.Length as number | undefined) ?? 0) + line.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: StreamRef) {
    flushStreamText(this);
    return finalize.call(this);
  };
}

/** Turns the operators gathered for `ref` into one chunk of its stream (see gatherStreamText); before its bytes are read. */
export function flushStreamText(ref: object): void {
  const r = ref as StreamRef;
  if (r.pendingText) {
    r.buffer.push(Buffer.from(r.pendingText, 'latin1'));
    r.pendingText = '';
  }
}

/** The parts of pdfkit's document and embedded font we reach into to share parsed fonts between documents. */
interface PdfkitFonts {
  _font: { font: unknown; name: string; layoutCache: Record<string, unknown>; constructor: new (doc: Doc, font: unknown, id: string) => { name: string; layoutCache: Record<string, unknown> } };
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
}

let shared: { ctor: PdfkitFonts['_font']['constructor']; fonts: Map<string, { font: unknown; layouts: Record<string, unknown> }> } | undefined;

/**
 * Parsing a TrueType font's tables costs far more than typesetting a page, so each face is parsed once per process
 * and handed to every document (each still embeds its own subset), with the shaped words shared too.
 */
function installFonts(doc: Doc): void {
  if (!shared) {
    const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    const fonts = new Map<string, { font: unknown; layouts: Record<string, unknown> }>();
    let ctor: PdfkitFonts['_font']['constructor'] | undefined;
    for (const [name, file] of [[FONT, 'regular'], [BOLD, 'bold'], [ITALIC, 'italic']] as const) {
      probe.font(fontBytes(file));
      const f = (probe as unknown as PdfkitFonts)._font;
      ctor = f.constructor;
      keepDecodedGlyphs(f.font as DecodingFont);
      fonts.set(name, { font: f.font, layouts: Object.create(null) as Record<string, unknown> });
    }
    shared = { ctor: ctor!, fonts };
  }
  const inner = doc as unknown as PdfkitFonts;
  for (const [name, { font, layouts }] of shared.fonts) {
    // Shaped words are kept per face; a very long run of distinct text starts the cache afresh.
    if (Object.keys(layouts).length > 100_000) for (const k of Object.keys(layouts)) delete layouts[k];
    const embedded = new shared.ctor(doc, font, `F${++inner._fontCount}`);
    embedded.layoutCache = layouts;
    (embedded as unknown as { layout: typeof layoutWords }).layout = layoutWords;
    inner._fontFamilies[name] = embedded;
  }
}

/** The parts of a fontkit TrueType font and its glyphs that keepDecodedGlyphs wraps. */
interface DecodingFont { getGlyph(id: number, characters?: number[]): { _decode(): unknown } | null }

/**
 * fontkit's subset decodes a glyph's whole outline each time a document embeds it (only to see whether it is made of
 * others), so every document of every pack decoded the same glyphs again. The faces here are static (no variations,
 * which would transform the decoded points) and their glyph objects are kept by fontkit for the font's life, so each
 * glyph's decoded data is kept with it and read, never changed, by the subset.
 */
function keepDecodedGlyphs(font: DecodingFont): void {
  const getGlyph = font.getGlyph;
  const wrapped = new WeakSet<object>();
  font.getGlyph = function (this: DecodingFont, id, characters) {
    const glyph = getGlyph.call(this, id, characters);
    if (glyph && !wrapped.has(glyph)) {
      wrapped.add(glyph);
      const decode = glyph._decode;
      let decoded: unknown;
      let done = false;
      glyph._decode = function (this: unknown) {
        if (!done) {
          decoded = decode.call(this);
          done = true;
        }
        return decoded;
      };
    }
    return glyph;
  };
}

interface WordRun { glyphs: unknown[]; positions: unknown[]; advanceWidth: number }
interface WordShaper {
  layoutRun(text: string, features: unknown): WordRun;
  layoutCached(text: string): WordRun;
}

/**
 * pdfkit's EmbeddedFont.layout, the same runs in the same order, without its cost per character and per word: it
 * builds a two-element array for every character (`[' ', '\t'].includes(c)`) and copies the line's glyphs and
 * positions into a new array for every word (`concat`). Profiled, that was the largest self time of a first build's
 * layout and a fifth of the memory it allocated, which the garbage collector then had to reclaim.
 */
function layoutWords(this: WordShaper, text: string, features?: unknown, onlyWidth?: boolean): { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number } {
  if (features) return this.layoutRun(text, features);
  const glyphs: unknown[] | null = onlyWidth ? null : [];
  const positions: unknown[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  let last = 0;
  let index = 0;
  while (index <= text.length) {
    const c = index < text.length ? text.charCodeAt(index) : -1;
    if ((index === text.length && last < index) || c === 32 || c === 9) {
      const run = this.layoutCached(text.slice(last, ++index));
      if (glyphs && positions) {
        for (const g of run.glyphs) glyphs.push(g);
        for (const p of run.positions) positions.push(p);
      }
      advanceWidth += run.advanceWidth;
      last = index;
    } else {
      index++;
    }
  }
  return { glyphs, positions, advanceWidth };
}

/** What pdfkit's `_fragment` reads of the document and its current font. */
interface FragmentDoc {
  _font: { id: string; ascender: number; ref(): unknown; layoutCache: Record<string, WordRun>; layoutCached(text: string): WordRun; subset: { includeGlyph(id: number): number }; widths: number[]; unicode: unknown[]; scale: number };
  _fontSize: number;
  _ctmStack: number[][];
  _ctm: number[];
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
  widthOfString(text: string, options?: unknown): number;
}

interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth: number;
  textWidth: number;
  [option: string]: unknown;
}

interface GlyphPosition { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }

const pdfkitFragment = (PDFDocument.prototype as unknown as { _fragment: (this: FragmentDoc, text: string, x: number, y: number, options: FragmentOptions) => void })._fragment;

/** pdfkit's number format in content streams (PDFObject.number): six decimals at most, as JavaScript prints them. */
function num(n: number): string {
  if (n > -1e21 && n < 1e21) return `${Math.round(n * 1e6) / 1e6}`;
  throw new Error(`unsupported number: ${n}`);
}

/** The four-digit hex pdfkit writes for a glyph of the subset, for the few hundred glyphs a document uses. */
const glyphHex: string[] = [];
function hexOf(gid: number): string {
  return glyphHex[gid] ?? (glyphHex[gid] = `0000${gid.toString(16)}`.slice(-4));
}

/** A glyph into the document's font subset, with its width and characters the first time (as pdfkit's encode does). */
function embedGlyph(font: FragmentDoc['_font'], glyph: { id: number; advanceWidth: number; codePoints: unknown }): number {
  const gid = font.subset.includeGlyph(glyph.id);
  if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
  if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
  return gid;
}

/**
 * A shaped word as writeFragment writes it with one document's font subset, when none of its glyphs is offset: its
 * glyphs' hex up to and including each glyph followed by a kerning adjustment (`pieces`, each with that adjustment as
 * written in `kerns`), then the hex of the glyphs after the last one (`tail`).
 */
interface WordPlan { pieces: string[]; kerns: string[]; tail: string }

/** Per embedded font (so per document and subset): each shaped word's plan, or null for a word with offset glyphs. */
const wordPlans = new WeakMap<object, Map<WordRun, WordPlan | null>>();

/**
 * The plan of `run` for `font`, made the first time the document writes the word: that is when the word's glyphs
 * join the subset, widths and unicode map, in the same order as writing it glyph by glyph would add them.
 */
function planWord(font: FragmentDoc['_font'], run: WordRun): WordPlan | null {
  const glyphs = run.glyphs as { id: number; advanceWidth: number; codePoints: unknown }[];
  const positions = run.positions as GlyphPosition[];
  const pieces: string[] = [];
  const kerns: string[] = [];
  let tail = '';
  let offset = false;
  for (let g = 0; g < glyphs.length; g++) {
    const gid = embedGlyph(font, glyphs[g]);
    const pos = positions[g];
    if (pos.xOffset || pos.yOffset) offset = true;
    tail += hexOf(gid);
    if (pos.xAdvance - pos.advanceWidth !== 0) {
      pieces.push(tail);
      kerns.push(num(-(pos.xAdvance - pos.advanceWidth)));
      tail = '';
    }
  }
  return offset ? null : { pieces, kerns, tail };
}

/**
 * pdfkit's `_fragment` (one line of text into the page's content stream) for the plain text we lay out: left, right
 * or centred, no links, decoration, spacing or font features (anything else goes to pdfkit's own). The same operators
 * in the same order, so the same bytes; without what pdfkit builds per line and throws away (the line's glyph and
 * position arrays, a hex string array per word, closures for its segments, a width measured again only for links and
 * underlines). Profiled, pdfkit's was the largest allocator of a first pack build (~8 MB of ~57 on the main thread).
 */
function writeFragment(this: FragmentDoc, text: string, x: number, y: number, options: FragmentOptions): void {
  if (
    options.link != null || options.goTo != null || options.destination != null || options.underline || options.strike || options.oblique
    || options.characterSpacing || (options.horizontalScaling && options.horizontalScaling !== 100) || options.wordSpacing
    || options.align === 'justify' || options.features || options.baseline != null || options.stroke
    || typeof this._font.layoutCached !== 'function'
  ) {
    return pdfkitFragment.call(this, text, x, y, options);
  }
  text = `${text}`;
  if (text.includes('\n')) text = text.replace(/\n/g, '');
  if (text.length === 0) return;
  if (options.width) {
    if (options.align === 'right') x += options.lineWidth - this.widthOfString(text.replace(/\s+$/, ''), options);
    else if (options.align === 'center') x += options.lineWidth / 2 - options.textWidth / 2;
  }
  const font = this._font;
  const size = this._fontSize;
  const height = this.page.height;
  y = height - y - (font.ascender / 1000) * size;
  if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
  // pdfkit's save, flip, text object and restore; the current matrix is as it was (restore puts back a copy of it).
  let out = `q\n1 0 0 -1 0 ${num(height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(y)} Tm\n/${font.id} ${num(size)} Tf`;
  const scale = size / 1000;
  let commands = '';
  let segment = '';
  let prev: GlyphPosition | undefined;
  let hadOffset = false;
  const endSegment = (): void => {
    if (segment) {
      const advance = prev!.xAdvance - prev!.advanceWidth;
      commands += `${commands ? ' ' : ''}<${segment}> ${num(-advance)}`;
      segment = '';
    }
  };
  const endCommands = (): void => {
    endSegment();
    if (commands) {
      out += `\n[${commands}] TJ`;
      commands = '';
    }
  };
  let plans = wordPlans.get(font);
  if (!plans) wordPlans.set(font, (plans = new Map()));
  // The words as layoutWords shapes them (each with the space or tab after it): planned words whole, others glyph by glyph.
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    const c = index < text.length ? text.charCodeAt(index) : -1;
    if (!((index === text.length && start < index) || c === 32 || c === 9)) continue;
    const run = font.layoutCached(text.slice(start, index + 1));
    start = index + 1;
    const glyphs = run.glyphs as { id: number; advanceWidth: number; codePoints: unknown }[];
    const positions = run.positions as GlyphPosition[];
    let plan = plans.get(run);
    if (plan === undefined) plans.set(run, (plan = planWord(font, run)));
    if (plan) {
      if (glyphs.length === 0) continue;
      if (hadOffset) {
        out += `\n1 0 0 1 ${num(x)} ${num(y)} Tm`;
        hadOffset = false;
      }
      const { pieces, kerns } = plan;
      for (let i = 0; i < pieces.length; i++) {
        commands += `${commands ? ' ' : ''}<${segment}${pieces[i]}> ${kerns[i]}`;
        segment = '';
      }
      segment += plan.tail;
      prev = positions[positions.length - 1];
      for (let g = 0; g < positions.length; g++) x += positions[g].xAdvance * scale;
      continue;
    }
    for (let g = 0; g < glyphs.length; g++) {
      const gid = embedGlyph(font, glyphs[g]);
      const pos = positions[g];
      if (pos.xOffset || pos.yOffset) {
        endCommands();
        out += `\n1 0 0 1 ${num(x + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`;
        segment += hexOf(gid);
        prev = pos;
        endCommands();
        hadOffset = true;
      } else {
        if (hadOffset) {
          out += `\n1 0 0 1 ${num(x)} ${num(y)} Tm`;
          hadOffset = false;
        }
        segment += hexOf(gid);
        prev = pos;
        if (pos.xAdvance - pos.advanceWidth !== 0) endSegment();
      }
      x += pos.xAdvance * scale;
    }
  }
  endCommands();
  this.addContent(`${out}\nET\nQ`);
}

type Struct = PDFKit.PDFStructureElement;
const stacks = new WeakMap<Doc, Struct[]>();

function stack(doc: Doc): Struct[] {
  let s = stacks.get(doc);
  if (!s) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    s = [root];
    stacks.set(doc, s);
  }
  return s;
}

/** Draws content as one structure element (a heading, a paragraph, a table cell) under the current group. */
export function tag(doc: Doc, type: string, draw: () => void): void {
  const s = stack(doc);
  s[s.length - 1].add(doc.struct(type as never, {}, [draw] as never));
}

/** The council's name across the top of a generated paper, centred in capitals: every paper the council prints begins so. */
export function councilHeading(doc: Doc, councilName: string): void {
  tag(doc, 'P', () => doc.font(BOLD).fontSize(13).text(t(councilName.toUpperCase()), left(doc), doc.y, { width: contentWidth(doc), align: 'center' }));
}

/** A drawing that carries meaning (a chart) as a Figure with its alternative text. */
export function figure(doc: Doc, alt: string, draw: () => void): void {
  const s = stack(doc);
  s[s.length - 1].add(doc.struct('Figure' as never, { alt: t(alt) } as never, [draw] as never));
}

/** A structure element holding others (a list, a table, a section), current while `fill` runs. */
export function group(doc: Doc, type: string, fill: () => void): void {
  const s = stack(doc);
  const el = doc.struct(type as never);
  s[s.length - 1].add(el);
  s.push(el);
  try {
    fill();
  } finally {
    s.pop();
    el.end();
  }
}

/** Drawing that is not content (rules, shading, running headers, page numbers): marked as an artifact. */
export function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** A centred line in the bottom margin of the current page, without moving the text cursor. */
export function footer(doc: Doc, text: string): void {
  const { x, y } = doc;
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  artifact(doc, () => {
    doc.font(FONT).fontSize(10).text(t(text), left(doc), doc.page.height - 42, { width: contentWidth(doc), align: 'center', lineBreak: false });
  }, 'Pagination');
  doc.page.margins.bottom = bottom;
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.x = x;
  doc.y = y;
}

/** Ends the open structure elements (the Document element last). */
export function endStructure(doc: Doc): Doc {
  const s = stacks.get(doc);
  if (s) for (const el of [...s].reverse()) el.end();
  return doc;
}

export function finish(doc: Doc): Promise<Uint8Array> {
  endStructure(doc);
  return new Promise((resolve, reject) => {
    // What the document wrote while it was created (its header) came through the stream, the rest was gathered.
    const chunks: Uint8Array[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => {
      const out = written.get(doc);
      if (out) {
        if (out.text) out.parts.push(out.text);
        for (const p of out.parts) chunks.push(typeof p === 'string' ? Buffer.from(p, 'latin1') : p);
        written.delete(doc);
      }
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    doc.on('error', reject);
    doc.end();
  });
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function left(doc: Doc): number {
  return doc.page.margins.left;
}

/**
 * The height `text` takes at `width` in the current font, as doc.heightOfString gives it. A table measures every cell
 * before it draws the row (1,120 cells in a pack of eight budget reports) and most cells are a word or a figure:
 * pdfkit's line wrapper (set up afresh per call, with its listeners) was most of that cost, so text that plainly fits
 * on one line is measured as one line.
 */
export function heightOf(doc: Doc, text: string, width: number): number {
  if (text && !/[\n\r\t\u00ad\u200b]/.test(text) && doc.widthOfString(text) < width - 0.5) {
    // As pdfkit works it out (the cursor moved down one line, less where it was), to the last bit.
    return doc.y + (doc.currentLineHeight(true) + ((doc as unknown as { _lineGap?: number })._lineGap ?? 0)) - doc.y;
  }
  return doc.heightOfString(text, { width });
}

/** What cellText reads and sets of pdfkit's document: its text state and the line writer (writeFragment). */
interface LineDoc {
  x: number;
  y: number;
  _lineGap?: number;
  _wrapper: unknown;
  _textOptions: unknown;
  page: { maxY(): number };
  _initOptions(x: number, y: number, options: Record<string, unknown>): FragmentOptions & { lineGap?: number };
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
}

/**
 * A table cell's text at (x, y) within `width`, as `doc.text(text, x, y, { width, align })` draws it. A pack's tables
 * have over a thousand cells and most are a word or a figure: pdfkit sets up a line wrapper with its listeners and
 * runs the Unicode line breaker for each (profiled: a fifth of the layout worker's time went to drawing table rows).
 * Text that plainly fits on one line, below the page's last line, is one line as the wrapper would emit it: the same
 * options, the same line writer, the cursor where pdfkit leaves it. Anything else goes to pdfkit.
 */
export function cellText(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right'): void {
  const inner = doc as unknown as LineDoc;
  if (
    !text || /[\n\r\t\v\f\u0085\u00ad\u200b\u2028\u2029]/.test(text) || inner._wrapper || inner._textOptions
    || !(doc.widthOfString(text) < width - 0.5) || y + doc.currentLineHeight(true) > inner.page.maxY() - 0.5
  ) {
    doc.text(text, x, y, { width, align });
    return;
  }
  const options = inner._initOptions(x, y, { width, align });
  // The wrapper's line width (no columns, no scaling), as it hands it to the line writer.
  options.lineWidth = (options.width! * 100) / 100;
  inner._fragment(text, inner.x, inner.y, options);
  inner.y += doc.currentLineHeight(true) + (options.lineGap || inner._lineGap || 0);
}

/** Starts a new page unless `height` points fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Text as drawn: Noto Sans has every character we print, so nothing is folded; only stray controls go. */
export function t(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
}

export function heading(doc: Doc, text: string, size = 12, opts: { align?: 'left' | 'center'; gapBefore?: number; level?: 'H1' | 'H2' | 'H3' } = {}): void {
  doc.moveDown((opts.gapBefore ?? 0.6) * (BODY_SIZE / size));
  ensureSpace(doc, size * 3);
  tag(doc, opts.level ?? 'H2', () => {
    doc.font(BOLD).fontSize(size).text(t(text), left(doc), doc.y, { width: contentWidth(doc), align: opts.align ?? 'left' });
  });
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.moveDown(0.3);
}

export function para(doc: Doc, text: string, opts: { indent?: number; font?: string; size?: number; align?: 'left' | 'justify' | 'center' } = {}): void {
  const x = left(doc) + (opts.indent ?? 0);
  doc.font(opts.font ?? FONT).fontSize(opts.size ?? BODY_SIZE);
  for (const chunk of text.split(/\n\s*\n/)) {
    tag(doc, 'P', () => {
      doc.text(t(chunk.trim()), x, doc.y, { width: contentWidth(doc) - (opts.indent ?? 0), align: opts.align ?? 'left', lineGap: 1.5 });
    });
    doc.moveDown(0.5);
  }
  doc.font(FONT).fontSize(BODY_SIZE);
}

/** A paragraph with a hanging label: "(1)  text..." or "1.2  text...". */
export function hanging(doc: Doc, label: string, text: string, opts: { indent?: number; labelWidth?: number; font?: string; listItem?: boolean } = {}): void {
  const indent = opts.indent ?? 0;
  const labelWidth = opts.labelWidth ?? 34;
  const x = left(doc) + indent;
  ensureSpace(doc, BODY_SIZE * 2.5);
  const y = doc.y;
  const draw = () => {
    doc.font(BOLD).fontSize(BODY_SIZE).text(t(label), x, y, { width: labelWidth, lineBreak: false });
    doc.font(opts.font ?? FONT).text(t(text), x + labelWidth, y, { width: contentWidth(doc) - indent - labelWidth, lineGap: 1.5 });
  };
  if (opts.listItem) {
    // A list item: its label (bullet, "(a)") and its body.
    group(doc, 'LI', () => {
      tag(doc, 'Lbl', () => doc.font(BOLD).fontSize(BODY_SIZE).text(t(label), x, y, { width: labelWidth, lineBreak: false }));
      tag(doc, 'LBody', () => doc.font(opts.font ?? FONT).text(t(text), x + labelWidth, y, { width: contentWidth(doc) - indent - labelWidth, lineGap: 1.5 }));
    });
  } else {
    tag(doc, 'P', draw);
  }
  doc.moveDown(0.5);
  doc.font(FONT);
}

/** A "Label:  value" row of a template header (By:, To:, Subject:). */
export function labelled(doc: Doc, label: string, value: string, labelWidth = 118, valueFont = FONT, type: 'P' | 'H1' = 'P'): void {
  ensureSpace(doc, BODY_SIZE * 2.5);
  const x = left(doc);
  const y = doc.y;
  let afterLabel = y;
  tag(doc, type, () => {
    doc.font(BOLD).fontSize(BODY_SIZE).text(t(label), x, y, { width: labelWidth });
    afterLabel = doc.y;
    doc.font(valueFont).text(t(value), x + labelWidth, y, { width: contentWidth(doc) - labelWidth, lineGap: 1.5 });
  });
  doc.font(FONT);
  doc.y = Math.max(doc.y, afterLabel);
  doc.moveDown(0.6);
}

export function bullets(doc: Doc, items: string[], indent = 0): void {
  group(doc, 'L', () => {
    for (const item of items) hanging(doc, '\u2022', item, { indent, labelWidth: 16, listItem: true });
  });
}

export function rule(doc: Doc, weight = 0.75): void {
  const y = doc.y;
  artifact(doc, () => {
    doc.save().lineWidth(weight).strokeColor('#000000')
      .moveTo(left(doc), y).lineTo(doc.page.width - doc.page.margins.right, y).stroke().restore();
  });
  doc.moveDown(0.5);
}

/** A simple ruled table: bold header row, equal columns except the first (wider). */
export function table(doc: Doc, head: string[], rows: string[][], indent = 0): void {
  const x0 = left(doc) + indent;
  const width = contentWidth(doc) - indent;
  const n = Math.max(head.length, ...rows.map((r) => r.length));
  const first = n > 1 ? width * 0.34 : width;
  const rest = n > 1 ? (width - first) / (n - 1) : 0;
  const widths = Array.from({ length: n }, (_, i) => (i === 0 ? first : rest));
  const pad = 3;
  const size = BODY_SIZE - 1.5;
  const drawRow = (cells: string[], bold: boolean): void => {
    doc.font(bold ? BOLD : FONT).fontSize(size);
    const heights = widths.map((w, i) => heightOf(doc, t(cells[i] ?? ''), w - 2 * pad));
    const h = Math.max(...heights) + 2 * pad;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    artifact(doc, () => {
      let x = x0;
      widths.forEach((w) => {
        if (bold) doc.save().rect(x, y, w, h).fillColor('#e6e6e6').fill().restore();
        doc.save().lineWidth(0.5).rect(x, y, w, h).stroke().restore();
        x += w;
      });
    });
    group(doc, 'TR', () => {
      let x = x0;
      widths.forEach((w, i) => {
        // Header cells are TH; so is the first cell of each row, which names it.
        tag(doc, bold || i === 0 ? 'TH' : 'TD', () => {
          cellText(doc.font(bold ? BOLD : FONT).fillColor('#000000'), t(cells[i] ?? ''), x + pad, y + pad, w - 2 * pad, i === 0 ? 'left' : 'right');
        });
        x += w;
      });
    });
    doc.x = x0;
    doc.y = y + h;
  };
  group(doc, 'Table', () => {
    drawRow(head, true);
    for (const r of rows) drawRow(r, false);
  });
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.x = left(doc);
  doc.moveDown(0.8);
}

/** Renders one report block under an optional paragraph number. */
export function block(doc: Doc, b: Block, label?: string): void {
  if (typeof b === 'string') {
    if (label) hanging(doc, label, b, { labelWidth: 34 });
    else para(doc, b);
  } else if ('bullets' in b) {
    bullets(doc, b.bullets, label ? 34 : 12);
  } else {
    table(doc, b.table.head, b.table.rows, label ? 34 : 0);
  }
}
