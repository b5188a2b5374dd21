// Real, cheap PDFs for the demo papers: pdfkit with the standard Helvetica fonts (nothing embedded, streams
// compressed). We break lines and pages ourselves, so the text of every page is known exactly and stored
// alongside the file for search and the HTML view.
import PDFDocument from 'pdfkit';

export type BlockStyle = 'title' | 'heading' | 'body' | 'bold' | 'small';

export interface Block {
  text: string;
  style?: BlockStyle;
  /** A hanging label printed in the margin of the first line: "1.2", "(a)". */
  label?: string;
  /** Left indent in points, beyond the margin. */
  indent?: number;
  /** Starts a new page before this block. */
  pageBreak?: boolean;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  /** The text of each page, line by line as drawn. */
  pages: string[];
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const LABEL_WIDTH = 34;
const STYLES: Record<BlockStyle, { font: string; size: number; gapBefore: number }> = {
  title: { font: 'Helvetica-Bold', size: 14, gapBefore: 4 },
  heading: { font: 'Helvetica-Bold', size: 11.5, gapBefore: 10 },
  body: { font: 'Helvetica', size: 10, gapBefore: 5 },
  bold: { font: 'Helvetica-Bold', size: 10, gapBefore: 5 },
  small: { font: 'Helvetica', size: 8.5, gapBefore: 3 },
};
// Fixed dates keep the bytes (and so the content-addressed blob) identical for identical text.
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

// Characters the standard fonts' WinAnsi encoding can show; others would not survive the round trip to text.
const REPLACEMENTS: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2026': '...' };
const SAFE = /^[\x20-\x7e\u00a3\u2013\u2014\u00e9]*$/;

export function pdfSafe(text: string): string {
  const out = text.replace(/[\u2018\u2019\u201c\u201d\u2026]/g, (c) => REPLACEMENTS[c]).replace(/\s+/g, ' ').trim();
  if (!SAFE.test(out)) throw new Error(`demo text has a character the standard PDF fonts cannot show: ${JSON.stringify(out)}`);
  return out;
}

// Glyph widths (per 1000 units of font size) of the characters we allow, read once from pdfkit's font metrics.
// Summing them is far cheaper than asking pdfkit per word, and we draw without kerning, so it is also exact.
const widthTables = new Map<string, Map<string, number>>();
function widthTable(font: string): Map<string, number> {
  let table = widthTables.get(font);
  if (!table) {
    const measurer = new PDFDocument({ autoFirstPage: false }).font(font).fontSize(1000);
    table = new Map();
    for (let c = 0x20; c <= 0x7e; c++) table.set(String.fromCharCode(c), measurer.widthOfString(String.fromCharCode(c)));
    for (const ch of ['\u00a3', '\u2013', '\u2014', '\u00e9']) table.set(ch, measurer.widthOfString(ch));
    widthTables.set(font, table);
  }
  return table;
}

function measure(font: string, size: number, text: string): number {
  const table = widthTable(font);
  let w = 0;
  for (const ch of text) w += table.get(ch) ?? 600;
  return (w * size) / 1000;
}

function wrap(text: string, font: string, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = measure(font, size, ' ');
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ')) {
    const w = measure(font, size, word);
    if (line && lineWidth + space + w > width) {
      lines.push(line);
      line = word;
      lineWidth = w;
    } else {
      lineWidth = line ? lineWidth + space + w : w;
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// WinAnsiEncoding codes of the non-ASCII characters we allow.
const WIN_ANSI: Record<string, number> = { '\u00a3': 0xa3, '\u2013': 0x96, '\u2014': 0x97, '\u00e9': 0xe9 };
function winAnsiHex(text: string): string {
  let hex = '';
  for (const ch of text) hex += (WIN_ANSI[ch] ?? ch.charCodeAt(0)).toString(16).padStart(2, '0');
  return hex;
}

/** The parts of pdfkit's document we drive directly: its current font and the page's font resources. */
interface PdfkitInternals {
  _font: { id: string; ref(): unknown };
  page: { fonts: Record<string, unknown>; height: number };
}

interface PlacedLine {
  x: number;
  y: number;
  font: string;
  size: number;
  text: string;
  label?: string;
  labelX?: number;
}

/** Lays the blocks out on A4 pages. */
export function layout(blocks: Block[]): PlacedLine[][] {
  const pages: PlacedLine[][] = [[]];
  let y = MARGIN;
  const bottom = PAGE_HEIGHT - MARGIN - 20; // room for the pack's page number stamp
  for (const b of blocks) {
    const style = STYLES[b.style ?? 'body'];
    const text = pdfSafe(b.text);
    const indent = b.indent ?? 0;
    const textX = MARGIN + indent + (b.label ? LABEL_WIDTH : 0);
    const lineHeight = style.size * 1.32;
    if (b.pageBreak && pages[pages.length - 1].length) {
      pages.push([]);
      y = MARGIN;
    } else if (pages[pages.length - 1].length) {
      y += style.gapBefore;
    }
    const lines = text ? wrap(text, style.font, style.size, PAGE_WIDTH - MARGIN - textX) : [''];
    lines.forEach((line, i) => {
      if (y + lineHeight > bottom) {
        pages.push([]);
        y = MARGIN;
      }
      const placed: PlacedLine = { x: textX, y, font: style.font, size: style.size, text: line };
      if (i === 0 && b.label) {
        placed.label = pdfSafe(b.label);
        placed.labelX = MARGIN + indent;
      }
      pages[pages.length - 1].push(placed);
      y += lineHeight;
    });
  }
  return pages;
}

/** The text of a laid-out page, as stored in a document version's `pages`. */
function pageText(lines: PlacedLine[]): string {
  return lines.map((l) => (l.label ? `${l.label} ${l.text}` : l.text)).filter((t) => t !== '').join('\n');
}

export function renderPdf(title: string, blocks: Block[]): Promise<RenderedPdf> {
  const pages = layout(blocks);
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: { Title: pdfSafe(title), Producer: 'Moot demo', Creator: 'Moot demo', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  for (const page of pages) {
    doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
    // Text is drawn with plain text operators (no kerning, no wrapping by pdfkit): we have already laid it out,
    // and pdfkit's per-line text machinery costs more than everything else here.
    const internals = doc as unknown as PdfkitInternals;
    const ops: string[] = [];
    for (const l of page) {
      doc.font(l.font);
      const font = internals._font;
      internals.page.fonts[font.id] ??= font.ref();
      const baseline = PAGE_HEIGHT - l.y - l.size * 0.8;
      if (l.label) ops.push(`BT /${font.id} ${l.size} Tf 1 0 0 1 ${l.labelX!.toFixed(2)} ${baseline.toFixed(2)} Tm <${winAnsiHex(l.label)}> Tj ET`);
      if (l.text) ops.push(`BT /${font.id} ${l.size} Tf 1 0 0 1 ${l.x.toFixed(2)} ${baseline.toFixed(2)} Tm <${winAnsiHex(l.text)}> Tj ET`);
    }
    // pdfkit opens every page by flipping the y axis (its own drawing measures from the top); our operators use PDF
    // coordinates, so they are drawn with the flip undone, or every page would come out upside down and mirrored.
    doc.addContent(`q 1 0 0 -1 0 ${PAGE_HEIGHT} cm\n${ops.join('\n')}\nQ`);
  }
  doc.end();
  return done.then((bytes) => ({ bytes, pages: pages.map(pageText) }));
}

/**
 * Renders each distinct paper once: identical text gives identical bytes, which the store keeps once, so a long
 * archive of recurring papers costs little.
 */
export class PdfCache {
  #cache = new Map<string, Promise<RenderedPdf>>();
  rendered = 0;
  reused = 0;

  render(title: string, blocks: Block[]): Promise<RenderedPdf> {
    const key = JSON.stringify([title, blocks]);
    const hit = this.#cache.get(key);
    if (hit) {
      this.reused++;
      return hit;
    }
    this.rendered++;
    const p = renderPdf(title, blocks);
    this.#cache.set(key, p);
    return p;
  }
}
