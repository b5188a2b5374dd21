// Text stamped onto pack pages with pdf-lib: page numbers, "Agenda Item" marks, the
// NOT FOR PUBLICATION header, and the generated blank and "Document is Restricted" pages.
// Stamps are placed in the page's visual frame, so rotated uploaded pages read upright.
import { PDFDocument, PDFFont, PDFPage, StandardFonts, degrees, rgb } from 'pdf-lib';
import { toWinAnsi } from './text.js';
import { A4 } from './typeset.js';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  return {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
}

interface Frame {
  width: number; // as displayed
  height: number;
  /** Maps a displayed point to user space, plus the text rotation needed to read upright. */
  toUser(u: number, v: number): { x: number; y: number };
  rotation: number;
}

function frame(page: PDFPage): Frame {
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
function drawLine(page: PDFPage, text: string, u: number, v: number, font: PDFFont, size: number, align: Align): void {
  const f = frame(page);
  const clean = toWinAnsi(text);
  const w = font.widthOfTextAtSize(clean, size);
  const u0 = align === 'center' ? u - w / 2 : align === 'right' ? u - w : u;
  const p = f.toUser(u0, v);
  page.drawText(clean, { x: p.x, y: p.y, size, font, color: rgb(0, 0, 0), rotate: degrees(f.rotation) });
}

export function stampPageNumber(page: PDFPage, n: number, fonts: Fonts): void {
  const f = frame(page);
  drawLine(page, `Page ${n}`, f.width / 2, 28, fonts.regular, 10, 'center');
}

export function stampAgendaItem(page: PDFPage, code: string, fonts: Fonts): void {
  const f = frame(page);
  const text = `Agenda Item ${code}`;
  const size = 12;
  const w = fonts.bold.widthOfTextAtSize(toWinAnsi(text), size);
  const u = f.width - 40 - w;
  const v = f.height - 40;
  // A white box keeps the mark legible over an uploaded page's own header.
  const a = f.toUser(u - 5, v - 5);
  page.drawRectangle({
    x: a.x, y: a.y, width: w + 10, height: size + 8, rotate: degrees(f.rotation),
    color: rgb(1, 1, 1), borderColor: rgb(0, 0, 0), borderWidth: 0.75,
  });
  drawLine(page, text, u, v, fonts.bold, size, 'left');
}

export function stampNotForPublication(page: PDFPage, paragraphs: string, fonts: Fonts): void {
  const f = frame(page);
  drawLine(page, 'NOT FOR PUBLICATION', f.width / 2, f.height - 18, fonts.bold, 9, 'center');
  drawLine(
    page,
    `Exempt information under paragraph(s) ${paragraphs} of Part 1 of Schedule 12A of the Local Government Act 1972`,
    f.width / 2, f.height - 28, fonts.regular, 7.5, 'center',
  );
}

export function addBlankPage(doc: PDFDocument, fonts: Fonts): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  drawLine(page, 'This page is intentionally left blank', A4.width / 2, A4.height / 2, fonts.regular, 12, 'center');
  return page;
}

/** The public pack's stand-in for an exempt item's papers. */
export function addRestrictedPage(doc: PDFDocument, paragraphs: string, fonts: Fonts): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  const mid = A4.width / 2;
  const y = A4.height * 0.62;
  drawLine(page, `By virtue of paragraph(s) ${paragraphs} of Part 1 of Schedule 12A`, mid, y, fonts.regular, 12, 'center');
  drawLine(page, 'of the Local Government Act 1972.', mid, y - 17, fonts.regular, 12, 'center');
  drawLine(page, 'Document is Restricted', mid, y - 70, fonts.bold, 18, 'center');
  return page;
}
