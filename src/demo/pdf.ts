// Real PDFs for the demo papers, typeset like every paper Moot generates: Noto Sans embedded (subsetted) and tagged
// (a heading or paragraph element per block, tables as Table/TR/TH/TD with their rules as artifacts). We break
// lines and pages ourselves, so the text of every page is known exactly and stored alongside the file for search
// and the HTML view without reading the PDF back (which would cost more than rendering it).
import { artifact, BOLD, FONT, finish, group, newDocument, tag } from '../services/typeset.js';

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
  /** A table instead of text (`text` is then its caption, printed above it in bold). */
  table?: { head: string[]; rows: string[][]; /** Column widths as fractions of the page's width. */ widths?: number[] };
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
const STYLES: Record<BlockStyle, { font: string; size: number; gapBefore: number; tag: string }> = {
  title: { font: BOLD, size: 14, gapBefore: 4, tag: 'H1' },
  heading: { font: BOLD, size: 12, gapBefore: 10, tag: 'H2' },
  body: { font: FONT, size: 11, gapBefore: 6, tag: 'P' },
  bold: { font: BOLD, size: 11, gapBefore: 6, tag: 'P' },
  small: { font: FONT, size: 8.5, gapBefore: 3, tag: 'P' },
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

// Word widths (per 1000 units of font size) from the embedded font, each measured once per process.
const widths = new Map<string, number>();
let measurer: PDFKit.PDFDocument | undefined;
function measure(font: string, size: number, text: string): number {
  const key = `${font}\u0000${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    measurer ??= newDocument();
    w = measurer.font(font).fontSize(1000).widthOfString(text);
    if (widths.size > 200_000) widths.clear();
    widths.set(key, w);
  }
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

interface PlacedLine {
  /** The block this line belongs to (lines of one block are one tagged element). */
  block: number;
  /** In a table: the row (a TR) and cell (a TH or TD) the line belongs to. */
  cell?: { row: number; col: number; header: boolean };
  tag: string;
  x: number;
  y: number;
  font: string;
  size: number;
  text: string;
  label?: string;
  labelX?: number;
}

interface Rule {
  row: number;
  x: number;
  y: number;
  w: number;
  h: number;
  shaded: boolean;
}

const TABLE_SIZE = 9;
const CELL_PAD = 3;
const NUMERIC = /^[-+£]?[\d,.]+(%| days|k|m)?$|^-$/;

/** Lays the blocks out on A4 pages; `rules` gets the table cell borders of each page. */
export function layout(blocks: Block[], rules: Rule[][] = []): PlacedLine[][] {
  const pages: PlacedLine[][] = [[]];
  rules.length = 0;
  rules.push([]);
  let y = MARGIN;
  const bottom = PAGE_HEIGHT - MARGIN - 20; // room for the pack's page number stamp
  let rowCounter = 0;
  const newPage = () => {
    pages.push([]);
    rules.push([]);
    y = MARGIN;
  };
  for (const [blockIndex, b] of blocks.entries()) {
    if (b.table) {
      const caption = b.text ? pdfSafe(b.text) : '';
      const tableWidth = PAGE_WIDTH - 2 * MARGIN - (b.indent ?? 0);
      const n = Math.max(b.table.head.length, ...b.table.rows.map((r) => r.length));
      const fractions = b.table.widths ?? Array.from({ length: n }, (_, i) => (n === 1 ? 1 : i === 0 ? 0.34 : 0.66 / (n - 1)));
      const widths = fractions.map((f) => f * tableWidth);
      const lineHeight = TABLE_SIZE * 1.3;
      const x0 = MARGIN + (b.indent ?? 0);
      const rowLines = (cells: string[], header: boolean) => widths.map((w, i) => wrap(pdfSafe(cells[i] ?? ''), header ? BOLD : FONT, TABLE_SIZE, w - 2 * CELL_PAD));
      const head = rowLines(b.table.head, true);
      const heightOf = (cells: string[][]) => Math.max(...cells.map((c) => c.length)) * lineHeight + 2 * CELL_PAD;
      const place = (cells: string[][], source: string[], header: boolean) => {
        const h = heightOf(cells);
        const row = rowCounter++;
        let x = x0;
        cells.forEach((lines, col) => {
          const w = widths[col];
          rules[rules.length - 1].push({ row, x, y, w, h, shaded: header });
          const font = header ? BOLD : FONT;
          const right = !header && col > 0 && NUMERIC.test(pdfSafe(source[col] ?? ''));
          lines.forEach((line, k) => {
            const lx = right ? x + w - CELL_PAD - measure(font, TABLE_SIZE, line) : x + CELL_PAD;
            pages[pages.length - 1].push({ block: blockIndex, tag: header || col === 0 ? 'TH' : 'TD', cell: { row, col, header }, x: lx, y: y + CELL_PAD + k * lineHeight, font, size: TABLE_SIZE, text: line });
          });
          x += w;
        });
        y += h;
      };
      // The caption keeps company with the header and the first row.
      const firstRow = b.table.rows.length ? heightOf(rowLines(b.table.rows[0], false)) : 0;
      const captionHeight = caption ? STYLES.bold.size * 1.32 + 4 : 0;
      if (pages[pages.length - 1].length) y += 8;
      if (y + captionHeight + heightOf(head) + firstRow > bottom && pages[pages.length - 1].length) newPage();
      if (caption) {
        pages[pages.length - 1].push({ block: blockIndex, tag: 'Caption', x: x0, y, font: BOLD, size: STYLES.bold.size, text: caption });
        y += captionHeight;
      }
      place(head, b.table.head, true);
      for (const source of b.table.rows) {
        const cells = rowLines(source, false);
        if (y + heightOf(cells) > bottom) {
          newPage();
          place(head, b.table.head, true); // the header again at the top of each page
        }
        place(cells, source, false);
      }
      y += 4;
      continue;
    }
    const style = STYLES[b.style ?? 'body'];
    const text = pdfSafe(b.text);
    const indent = b.indent ?? 0;
    const textX = MARGIN + indent + (b.label ? LABEL_WIDTH : 0);
    const lineHeight = style.size * 1.32;
    if (b.pageBreak && pages[pages.length - 1].length) {
      newPage();
    } else if (pages[pages.length - 1].length) {
      y += style.gapBefore;
    }
    const lines = text ? wrap(text, style.font, style.size, PAGE_WIDTH - MARGIN - textX) : [''];
    lines.forEach((line, i) => {
      if (y + lineHeight > bottom) newPage();
      const placed: PlacedLine = { block: blockIndex, tag: style.tag, x: textX, y, font: style.font, size: style.size, text: line };
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

export async function renderPdf(title: string, blocks: Block[]): Promise<RenderedPdf> {
  const rules: Rule[][] = [];
  const pages = layout(blocks, rules);
  const doc = newDocument({ title: pdfSafe(title), date: FIXED_DATE.toISOString().slice(0, 10) });
  const internals = doc as unknown as { info: Record<string, unknown> };
  internals.info.Producer = 'Moot demo';
  internals.info.Creator = 'Moot demo';
  // One tagged element per block, continued across a page break by pdfkit's marked-content handling; a table is a
  // Table of TR rows of TH/TD cells, whose rows never break across pages.
  let current: { block: number; lines: { page: number; line: PlacedLine }[] } | null = null;
  const runs: { tag: string; table: boolean; lines: { page: number; line: PlacedLine }[] }[] = [];
  pages.forEach((page, p) => {
    for (const line of page) {
      if (!current || current.block !== line.block) {
        current = { block: line.block, lines: [] };
        runs.push({ tag: line.tag, table: !!blocks[line.block].table, lines: current.lines });
      }
      current.lines.push({ page: p, line });
    }
  });
  let onPage = 0;
  const draw = (line: PlacedLine) => {
    const text = (s: string, x: number) => doc.font(line.font).fontSize(line.size).text(s, x, line.y, { lineBreak: false });
    if (line.label) text(line.label, line.labelX!);
    if (line.text) text(line.text, line.x);
  };
  for (const run of runs) {
    if (!run.table) {
      tag(doc, run.tag, () => {
        for (const { page, line } of run.lines) {
          while (onPage < page) {
            // Closes the element's marked content on this page and opens it again on the next.
            (doc as unknown as { continueOnNewPage(): void }).continueOnNewPage();
            onPage++;
          }
          draw(line);
        }
      });
      continue;
    }
    group(doc, 'Table', () => {
      const caption = run.lines.filter((l) => !l.line.cell);
      if (caption.length) {
        for (; onPage < caption[0].page; onPage++) doc.addPage();
        tag(doc, 'Caption', () => caption.forEach((l) => draw(l.line)));
      }
      const rows = new Map<number, { page: number; line: PlacedLine }[]>();
      for (const l of run.lines) if (l.line.cell) rows.set(l.line.cell.row, [...(rows.get(l.line.cell.row) ?? []), l]);
      for (const [row, lines] of rows) {
        for (; onPage < lines[0].page; onPage++) doc.addPage();
        artifact(doc, () => {
          for (const r of rules[onPage].filter((x) => x.row === row)) {
            if (r.shaded) doc.save().rect(r.x, r.y, r.w, r.h).fillColor('#e6e6e6').fill().restore();
            doc.save().lineWidth(0.5).rect(r.x, r.y, r.w, r.h).stroke().restore();
          }
        });
        group(doc, 'TR', () => {
          const cols = [...new Set(lines.map((l) => l.line.cell!.col))];
          for (const col of cols) {
            const cell = lines.filter((l) => l.line.cell!.col === col);
            tag(doc, cell[0].line.tag, () => cell.forEach((l) => draw(l.line)));
          }
        });
      }
    });
  }
  while (onPage < pages.length - 1) {
    doc.addPage();
    onPage++;
  }
  return { bytes: await finish(doc), pages: pages.map(pageText) };
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
