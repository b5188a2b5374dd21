// pdfkit typesetting helpers: one house style (A4, Helvetica, bold headings) for every
// generated page, so reports, minutes and the front sheet look like one council's pack.
import PDFDocument from 'pdfkit';
import type { Block } from './model.js';
import { toWinAnsi } from './text.js';

export type Doc = PDFKit.PDFDocument;

export const A4 = { width: 595.28, height: 841.89 };
// Bottom margin leaves room for the "Page N" stamp added when the pack is assembled.
export const MARGINS = { top: 56, bottom: 70, left: 62, right: 56 };
export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const ITALIC = 'Helvetica-Oblique';
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
  return new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: true,
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
  }).font(FONT).fontSize(BODY_SIZE);
}

/** A centred line in the bottom margin of the current page, without moving the text cursor. */
export function footer(doc: Doc, text: string): void {
  const { x, y } = doc;
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font(FONT).fontSize(10).text(t(text), left(doc), doc.page.height - 42, { width: contentWidth(doc), align: 'center', lineBreak: false });
  doc.page.margins.bottom = bottom;
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.x = x;
  doc.y = y;
}

export function finish(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
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

/** Starts a new page unless `height` points fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export function t(s: string): string {
  return toWinAnsi(s);
}

export function heading(doc: Doc, text: string, size = 12, opts: { align?: 'left' | 'center'; gapBefore?: number } = {}): void {
  doc.moveDown((opts.gapBefore ?? 0.6) * (BODY_SIZE / size));
  ensureSpace(doc, size * 3);
  doc.font(BOLD).fontSize(size).text(t(text), left(doc), doc.y, { width: contentWidth(doc), align: opts.align ?? 'left' });
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.moveDown(0.3);
}

export function para(doc: Doc, text: string, opts: { indent?: number; font?: string; size?: number; align?: 'left' | 'justify' | 'center' } = {}): void {
  const x = left(doc) + (opts.indent ?? 0);
  doc.font(opts.font ?? FONT).fontSize(opts.size ?? BODY_SIZE);
  for (const chunk of text.split(/\n\s*\n/)) {
    doc.text(t(chunk.trim()), x, doc.y, { width: contentWidth(doc) - (opts.indent ?? 0), align: opts.align ?? 'left', lineGap: 1.5 });
    doc.moveDown(0.5);
  }
  doc.font(FONT).fontSize(BODY_SIZE);
}

/** A paragraph with a hanging label: "(1)  text..." or "1.2  text...". */
export function hanging(doc: Doc, label: string, text: string, opts: { indent?: number; labelWidth?: number; font?: string } = {}): void {
  const indent = opts.indent ?? 0;
  const labelWidth = opts.labelWidth ?? 34;
  const x = left(doc) + indent;
  ensureSpace(doc, BODY_SIZE * 2.5);
  const y = doc.y;
  doc.font(BOLD).fontSize(BODY_SIZE).text(t(label), x, y, { width: labelWidth, lineBreak: false });
  doc.font(opts.font ?? FONT).text(t(text), x + labelWidth, y, { width: contentWidth(doc) - indent - labelWidth, lineGap: 1.5 });
  doc.moveDown(0.5);
  doc.font(FONT);
}

/** A "Label:  value" row of a template header (By:, To:, Subject:). */
export function labelled(doc: Doc, label: string, value: string, labelWidth = 118, valueFont = FONT): void {
  ensureSpace(doc, BODY_SIZE * 2.5);
  const x = left(doc);
  const y = doc.y;
  doc.font(BOLD).fontSize(BODY_SIZE).text(t(label), x, y, { width: labelWidth });
  const afterLabel = doc.y;
  doc.font(valueFont).text(t(value), x + labelWidth, y, { width: contentWidth(doc) - labelWidth, lineGap: 1.5 });
  doc.font(FONT);
  doc.y = Math.max(doc.y, afterLabel);
  doc.moveDown(0.6);
}

export function bullets(doc: Doc, items: string[], indent = 0): void {
  for (const item of items) hanging(doc, '\u2022', item, { indent, labelWidth: 16 });
}

export function rule(doc: Doc, weight = 0.75): void {
  const y = doc.y;
  doc.save().lineWidth(weight).strokeColor('#000000')
    .moveTo(left(doc), y).lineTo(doc.page.width - doc.page.margins.right, y).stroke().restore();
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
    const heights = widths.map((w, i) => doc.heightOfString(t(cells[i] ?? ''), { width: w - 2 * pad }));
    const h = Math.max(...heights) + 2 * pad;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = x0;
    widths.forEach((w, i) => {
      if (bold) doc.save().rect(x, y, w, h).fillColor('#e6e6e6').fill().restore();
      doc.save().lineWidth(0.5).rect(x, y, w, h).stroke().restore();
      doc.fillColor('#000000').text(t(cells[i] ?? ''), x + pad, y + pad, { width: w - 2 * pad, align: i === 0 ? 'left' : 'right' });
      x += w;
    });
    doc.x = x0;
    doc.y = y + h;
  };
  drawRow(head, true);
  for (const r of rows) drawRow(r, false);
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
