// pdfjs's reader runs with two hot spots rewritten (src/importer/read/pdfjs-patch.ts); the rewrites must still
// apply to the installed pdfjs-dist, and what it reads must be what the reader as shipped reads, item for item.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchPdfWorkerSource } from '../../../src/importer/read/pdfjs-patch.js';
import { openPdf, pdfWorkerPatched } from '../../../src/importer/read/pdfjs.js';
import { pdfBytes } from './pdfs.js';
import { deflateSync } from 'node:zlib';

const workerFile = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'legacy', 'build', 'pdf.worker.mjs');

/** Text set every way a page can place it: rotated, scaled, spaced, raised, in a rotated page, over two streams. */
async function awkwardPdf(): Promise<Uint8Array> {
  return pdfBytes((doc) => {
    doc.font('Helvetica').fontSize(11).text('Plain text on a line, with a table cell\tafter a tab.', 72, 72);
    doc.font('Times-Roman').fontSize(14).text('Spaced out letters', 72, 110, { characterSpacing: 3, wordSpacing: 6 });
    doc.save().rotate(90, { origin: [300, 300] }).font('Courier').fontSize(10).text('Turned a quarter', 300, 300).restore();
    doc.save().rotate(33, { origin: [200, 500] }).fontSize(12).text('At an odd angle', 200, 500).restore();
    doc.save().scale(1.7, 0.6).font('Helvetica-Bold').fontSize(9).text('Stretched and squashed', 60, 900).restore();
    doc.font('Helvetica').fontSize(11).text('E = mc', 72, 700, { continued: true }).fontSize(7).text('2', { baseline: 'bottom' });
    doc.addPage({ layout: 'landscape' }).font('Helvetica').fontSize(12).text('A landscape page of a pack', 72, 72);
    doc.addPage().fontSize(11).text('Ligature-free: office, affluent, fjord. Accents: café, naïve, Señor; symbols £ € – “quotes”.', 72, 72);
  });
}

type Open = (data: Uint8Array) => Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }> }>;

/** Each page's text content items (without the font names, which number the documents opened so far), or the error. */
async function items(open: Open, bytes: Uint8Array): Promise<unknown> {
  try {
    const doc = await open(bytes.slice());
    const out: unknown[] = [];
    for (let p = 1; p <= doc.numPages; p++) out.push((await (await doc.getPage(p)).getTextContent()).items.map((i) => ({ ...(i as object), fontName: undefined })));
    return out;
  } catch (e) {
    return { error: String(e) };
  }
}

const patchedReader: Open = async (data) => (await openPdf(data)).task.promise;

/** The same through pdfjs's own in-thread reader, on its worker module as shipped. */
async function withStockReader<T>(run: (open: Open) => Promise<T>): Promise<T> {
  const { pdfjs, task, close } = await openPdf(await awkwardPdf());
  await task.promise;
  await close();
  const g = globalThis as { pdfjsWorker?: unknown };
  const ours = g.pdfjsWorker;
  g.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs' as string);
  try {
    return await run((data) => pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false }).promise);
  } finally {
    g.pdfjsWorker = ours;
  }
}

describe("pdfjs's reader, rewritten where it is slow", () => {
  it('applies to the installed pdfjs-dist, each rewrite exactly once', async () => {
    const parts = patchPdfWorkerSource(await readFile(workerFile));
    expect(parts).not.toBeNull();
    const patched = Buffer.concat(parts!).toString();
    expect(patched).toContain('currentTextTransformInto(scratchTransform)');
    expect(patched).not.toContain('new DecompressionStream("deflate")');
  });

  it('leaves pdfjs as shipped when a rewrite no longer matches', async () => {
    const source = await readFile(workerFile, 'utf8');
    expect(patchPdfWorkerSource(Buffer.from(source.replace('function compareWithLastPosition(glyphWidth) {', 'function compareWithLastPosition(width) {')))).toBeNull();
    expect(patchPdfWorkerSource(Buffer.from(''))).toBeNull();
  });

  it('reads the same text items, at the same positions, as pdfjs as shipped', async () => {
    const bytes = await awkwardPdf();
    const patched = await items(patchedReader, bytes);
    expect(pdfWorkerPatched).toBe(true);
    const stock = await withStockReader((open) => items(open, bytes));
    expect(patched).toEqual(stock);
    expect(JSON.stringify(patched)).toContain('Turned a quarter');
  });

  it('inflates content streams, whole, cut short or not deflated, as pdfjs as shipped does', async () => {
    const text = '1 0 0 1 72 720 cm BT /F1 12 Tf (Readable before the damage) Tj ET';
    const good = deflateSync(Buffer.from(text));
    const cut = good.subarray(0, good.length - 6); // no adler checksum, stream cut short
    const pdf = (stream: Buffer) => {
      const objs = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        null,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      ];
      const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
      const offsets: number[] = [];
      let at = parts[0].length;
      objs.forEach((o, i) => {
        offsets.push(at);
        const b = o === null ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')]) : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`);
        parts.push(b);
        at += b.length;
      });
      const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
      return new Uint8Array(Buffer.concat([...parts, Buffer.from(xref)]));
    };
    for (const stream of [good, cut, Buffer.from('not deflated at all')]) {
      const bytes = pdf(stream);
      const patched = await items(patchedReader, bytes);
      expect(patched).toEqual(await withStockReader((open) => items(open, bytes)));
      if (stream === good) expect(JSON.stringify(patched)).toContain('Readable before the damage');
    }
  });
});
