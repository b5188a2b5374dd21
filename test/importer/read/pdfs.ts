// Builds small PDFs for the reading-layer tests with pdfkit, so no binary fixtures are needed.
import PDFDocument from 'pdfkit';
import { crc32, deflateSync } from 'node:zlib';

export type Doc = InstanceType<typeof PDFDocument>;

export function pdfBytes(draw: (doc: Doc) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72, autoFirstPage: true, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A grey-noise PNG, standing in for a scanned page. */
export function noisePng(width = 120, height = 160): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      raw[y * (width + 1) + 1 + x] = 128 + (seed % 100);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PARAGRAPH =
  'The committee is asked to note the progress made on the highways maintenance programme during the year and to agree the priorities set out in the appendix for the coming financial year, subject to the budget approved by full Council.';

export interface PackPage {
  /** paragraphs of body text; null draws an empty page (header and footer only) */
  body?: string[] | null;
  /** the page number printed in the footer; null prints none (a front sheet) */
  printed?: number | null;
  /** draws on the page after the body (tables, superscripts) */
  draw?: (doc: Doc) => void;
}

/**
 * A multi-page pack in the usual council layout: a running header on every page, a "Page N" footer,
 * body paragraphs in between.
 */
export function councilPack(pages: PackPage[], header = 'Example County Council'): Promise<Uint8Array> {
  return pdfBytes((doc) => {
    pages.forEach((page, i) => {
      if (i > 0) doc.addPage();
      doc.font('Helvetica').fontSize(9).text(header, 72, 40, { width: 451, align: 'right', lineBreak: false });
      doc.fontSize(11);
      doc.x = 72;
      doc.y = 90;
      for (const para of page.body ?? []) {
        doc.text(para, { width: 451 });
        doc.moveDown(0.8);
      }
      page.draw?.(doc);
      if (page.printed !== null) {
        doc.page.margins.bottom = 0; // lets the footer sit below the text area without a page break
        doc.font('Helvetica').fontSize(9).text(`Page ${page.printed ?? i + 1}`, 72, 800, { width: 451, align: 'center', lineBreak: false });
      }
    });
  });
}

/**
 * The same pages as a scanner would give them: each page rendered to an image (pdftoppm) and put back into
 * a PDF with no text layer.
 */
export async function scannedCopy(pdf: Uint8Array, dpi = 150): Promise<Uint8Array> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const os = await import('node:os');
  const { PDFDocument } = await import('pdf-lib');
  const dir = mkdtempSync(join(os.tmpdir(), 'moot-scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
    const out = await PDFDocument.create();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.png')).sort()) {
      const img = await out.embedPng(readFileSync(join(dir, f)));
      const page = out.addPage([595.28, 841.89]);
      page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    return await out.save();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
