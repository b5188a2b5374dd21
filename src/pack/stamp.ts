// Text stamped onto pack pages with pdf-lib: page numbers, "Agenda Item" marks, the
// NOT FOR PUBLICATION header, and the generated blank and "Document is Restricted" pages.
// Stamps are placed in the page's visual frame, so rotated uploaded pages read upright.
import { EventEmitter } from 'node:events';
// fontkit 2 (pdfkit's own, which subsets Noto Sans correctly); pdf-lib asks its subsets for encodeStream().
import * as fontkit2 from 'fontkit';
import { PDFDocument, PDFFont, PDFName, PDFPage } from 'pdf-lib';
import { fontBytes } from './fonts.js';
import type { PackStructure } from './structure.js';
import { A4 } from './typeset.js';

// Stamps are written as one small uncompressed content stream per page, by hand: pdf-lib's
// drawText deflates a new stream per page with pako, which dominated the build time of big packs.
interface Subset { encode(): Uint8Array; encodeStream?: () => EventEmitter; glyphs: number[] }
interface GlyphRun { glyphs: unknown[] }
interface FontkitFont { createSubset(): Subset; layout(text: string, features?: unknown): GlyphRun }

/** Shaped strings kept per face: page numbers and stamps repeat across pages and packs. */
const LAYOUT_MEMO_LIMIT = 20_000;
const SUBSET_MEMO_LIMIT = 64;

/**
 * fontkit 2 in the shape pdf-lib's embedder expects (a subset's bytes come as a stream), and parsed once per
 * process: parsing Noto Sans's tables, and the lazily decoded shaping tables behind layout(), cost more than
 * stamping a pack's pages, and pdf-lib would redo both for every pack. Each pack still gets its own subset
 * (createSubset per embedder); only the parsed face and the shaped strings (read-only glyph runs) are shared.
 * pdf-lib shapes each stamped string twice (measure, then encode); the memo makes the second a lookup.
 */
const parsedFaces = new Map<Uint8Array, FontkitFont>();

function parseFace(bytes: Uint8Array): FontkitFont {
  const font = (fontkit2 as unknown as { create(b: Uint8Array): FontkitFont }).create(bytes);
  const createSubset = font.createSubset.bind(font);
  // Packs stamp much the same characters ("Page 1" ... "Agenda Item 12"): a subset of the same glyphs is the same font
  // file, written once.
  const encoded = new Map<string, Uint8Array>();
  font.createSubset = () => {
    const subset = createSubset();
    const encode = (): Uint8Array => {
      const key = subset.glyphs.join(',');
      let bytes = encoded.get(key);
      if (!bytes) {
        if (encoded.size >= SUBSET_MEMO_LIMIT) encoded.clear();
        bytes = subset.encode();
        encoded.set(key, bytes);
      }
      return bytes;
    };
    subset.encodeStream = () => {
      const out = new EventEmitter();
      queueMicrotask(() => {
        try {
          out.emit('data', encode());
          out.emit('end');
        } catch (e) {
          out.emit('error', e);
        }
      });
      return out;
    };
    return subset;
  };
  const layout = font.layout.bind(font);
  const memo = new Map<string, GlyphRun>();
  font.layout = (text: string, features?: unknown) => {
    if (features !== undefined && features !== null) return layout(text, features);
    let run = memo.get(text);
    if (!run) {
      if (memo.size >= LAYOUT_MEMO_LIMIT) memo.clear();
      run = layout(text);
      memo.set(text, run);
    }
    return run;
  };
  return font;
}

const FONTKIT = {
  create(bytes: Uint8Array) {
    let font = parsedFaces.get(bytes);
    if (!font) {
      font = parseFace(bytes);
      parsedFaces.set(bytes, font);
    }
    return font;
  },
} as unknown as Parameters<PDFDocument['registerFontkit']>[0];

// Stamps (page numbers, "Agenda Item" marks, headers) are artifacts: a screen reader skips them. Text the pack
// itself contributes (the "Document is Restricted" page) is tagged content instead, through the pack's structure.
export class Fonts {
  private readonly pending = new Map<PDFPage, { ops: string[]; content: string[]; keys: Map<PDFFont, PDFName> }>();
  private constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly structure: PackStructure | null,
  ) {}

  static async embed(doc: PDFDocument, structure: PackStructure | null = null): Promise<Fonts> {
    // Noto Sans, subsetted to the characters stamped, like the pages pdfkit typesets.
    doc.registerFontkit(FONTKIT);
    const [regular, bold] = await Promise.all([doc.embedFont(fontBytes('regular'), { subset: true }), doc.embedFont(fontBytes('bold'), { subset: true })]);
    return new Fonts(doc, regular, bold, structure);
  }

  private entry(page: PDFPage) {
    let e = this.pending.get(page);
    if (!e) {
      e = { ops: [], content: [], keys: new Map() };
      this.pending.set(page, e);
    }
    return e;
  }

  text(page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number, rotation: number, tag?: string): void {
    const e = this.entry(page);
    let key = e.keys.get(font);
    if (!key) {
      // As page.node.newFontDictionary does (the same random key), normalising the page once rather than twice.
      const fontDict = page.node.normalizedEntries().Font;
      key = fontDict.uniqueKey(font.name);
      fontDict.set(key, font.ref);
      e.keys.set(font, key);
    }
    const [a, b, c, d] = rotationMatrix(rotation);
    const op = `BT 0 g ${key.toString()} ${n(size)} Tf ${a} ${b} ${c} ${d} ${n(x)} ${n(y)} Tm ${font.encodeText(text).toString()} Tj ET`;
    if (tag && this.structure) e.content.push(`/${tag} <</MCID ${this.structure.nextMcid(page, tag)}>> BDC ${op} EMC`);
    else e.ops.push(op);
  }

  /** A white box with a thin black border, rotated about its origin like the text. */
  box(page: PDFPage, x: number, y: number, w: number, h: number, rotation: number): void {
    const [a, b, c, d] = rotationMatrix(rotation);
    this.entry(page).ops.push(`q ${a} ${b} ${c} ${d} ${n(x)} ${n(y)} cm 1 g 0 G 0.75 w 0 0 ${n(w)} ${n(h)} re B Q`);
  }

  /** Writes the pending stamps of every page; call once before saving. */
  flush(): void {
    for (const [page, e] of this.pending) {
      page.node.normalize(); // wraps the page's own content in q ... Q so its state cannot leak into ours
      const artifacts = e.ops.length ? `/Artifact <</Type /Pagination>> BDC\n${e.ops.join('\n')}\nEMC\n` : '';
      const stream = this.doc.context.stream(`q\n${e.content.join('\n')}\n${artifacts}Q\n`);
      page.node.addContentStream(this.doc.context.register(stream));
    }
    this.pending.clear();
  }
}

function n(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/\.?0+$/, '');
}

function rotationMatrix(deg: number): [number, number, number, number] {
  switch (((deg % 360) + 360) % 360) {
    case 90: return [0, 1, -1, 0];
    case 180: return [-1, 0, 0, -1];
    case 270: return [0, -1, 1, 0];
    default: return [1, 0, 0, 1];
  }
}

export async function embedFonts(doc: PDFDocument, structure: PackStructure | null = null): Promise<Fonts> {
  return Fonts.embed(doc, structure);
}

interface Frame {
  width: number; // as displayed
  height: number;
  /** Maps a displayed point to user space, plus the text rotation needed to read upright. */
  toUser(u: number, v: number): { x: number; y: number };
  rotation: number;
}

// A page's boxes and rotation are read through its inherited attributes; they do not change while a pack is stamped.
const frames = new WeakMap<PDFPage, Frame>();

function frame(page: PDFPage): Frame {
  let f = frames.get(page);
  if (!f) {
    f = pageFrame(page);
    frames.set(page, f);
  }
  return f;
}

function pageFrame(page: PDFPage): Frame {
  const box = page.getCropBox();
  const angle = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const { x: bx, y: by, width: bw, height: bh } = box;
  switch (angle) {
    case 90:
      return { width: bh, height: bw, rotation: 90, toUser: (u, v) => ({ x: bx + bw - v, y: by + u }) };
    case 180:
      return { width: bw, height: bh, rotation: 180, toUser: (u, v) => ({ x: bx + bw - u, y: by + bh - v }) };
    case 270:
      return { width: bh, height: bw, rotation: 270, toUser: (u, v) => ({ x: bx + v, y: by + bh - u }) };
    default:
      return { width: bw, height: bh, rotation: 0, toUser: (u, v) => ({ x: bx + u, y: by + v }) };
  }
}

type Align = 'left' | 'center' | 'right';

/** Draws one line of text at a displayed position (u = distance from left, v = from bottom). */
function drawLine(fonts: Fonts, page: PDFPage, text: string, u: number, v: number, font: PDFFont, size: number, align: Align, tag?: string): void {
  const f = frame(page);
  const w = font.widthOfTextAtSize(text, size);
  const u0 = align === 'center' ? u - w / 2 : align === 'right' ? u - w : u;
  const p = f.toUser(u0, v);
  fonts.text(page, text, p.x, p.y, font, size, f.rotation, tag);
}

export function stampPageNumber(page: PDFPage, n: number, fonts: Fonts): void {
  const f = frame(page);
  drawLine(fonts, page, `Page ${n}`, f.width / 2, 28, fonts.regular, 10, 'center');
}

export function stampAgendaItem(page: PDFPage, code: string, fonts: Fonts): void {
  const f = frame(page);
  const text = `Agenda Item ${code}`;
  const size = 12;
  const w = fonts.bold.widthOfTextAtSize(text, size);
  const u = f.width - 40 - w;
  const v = f.height - 49;
  // A white box keeps the mark legible over an uploaded page's own header.
  const a = f.toUser(u - 5, v - 5);
  fonts.box(page, a.x, a.y, w + 10, size + 8, f.rotation);
  drawLine(fonts, page, text, u, v, fonts.bold, size, 'left');
}

export function stampNotForPublication(page: PDFPage, paragraphs: string, fonts: Fonts): void {
  const f = frame(page);
  drawLine(fonts, page, 'NOT FOR PUBLICATION', f.width / 2, f.height - 16, fonts.bold, 9, 'center');
  drawLine(
    fonts, page,
    `Exempt information under paragraph(s) ${paragraphs} of Part 1 of Schedule 12A of the Local Government Act 1972`,
    f.width / 2, f.height - 25, fonts.regular, 7.5, 'center',
  );
}

export function addBlankPage(doc: PDFDocument, fonts: Fonts): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  drawLine(fonts, page, 'This page is intentionally left blank', A4.width / 2, A4.height / 2, fonts.regular, 12, 'center');
  return page;
}

/** The public pack's stand-in for an exempt item's papers. */
export function addRestrictedPage(doc: PDFDocument, paragraphs: string, fonts: Fonts): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  const mid = A4.width / 2;
  const y = A4.height * 0.62;
  drawLine(fonts, page, `By virtue of paragraph(s) ${paragraphs} of Part 1 of Schedule 12A`, mid, y, fonts.regular, 12, 'center', 'P');
  drawLine(fonts, page, 'of the Local Government Act 1972.', mid, y - 17, fonts.regular, 12, 'center', 'P');
  drawLine(fonts, page, 'Document is Restricted', mid, y - 70, fonts.bold, 18, 'center', 'H2');
  return page;
}

/** A line at the foot of a page, under its page number: a preview says it is one on every page. */
export function stampFootnote(page: PDFPage, text: string, fonts: Fonts): void {
  const f = frame(page);
  drawLine(fonts, page, text, f.width / 2, 14, fonts.bold, 8, 'center');
}
