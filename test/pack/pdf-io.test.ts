import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { buildPack } from '../../src/pack/index.js';
import { loadPdf, savePdf } from '../../src/pack/pdf-io.js';
import { makeMeeting, makeUploadedPdf } from './fixture.js';

/** pdf-lib's own writer, which savePdf must match byte for byte. */
async function pdfLibBytes(doc: PDFDocument): Promise<Buffer> {
  return Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: Infinity }));
}

describe('savePdf', () => {
  it('writes the bytes pdf-lib writes: a built pack read back, with its tags, fonts, outline and stamps', async () => {
    const built = await buildPack(await makeMeeting(), { audience: 'confidential' });
    const doc = await loadPdf(built.bytes);
    expect(Buffer.from(await savePdf(doc))).toEqual(await pdfLibBytes(doc));
  });

  it('writes gaps in the object numbers, a stream larger than the room it starts with, and a file that outgrows its estimate', async () => {
    const doc = await loadPdf(await makeUploadedPdf('Appendix', 3));
    const ctx = doc.context;
    ctx.nextRef(); // a number never assigned: the cross-reference table starts a new subsection after it
    const big = new Uint8Array(300_000).map((_, i) => 32 + (i % 90));
    const streamRef = ctx.register(ctx.stream(big, { Note: PDFNumber.of(1) }));
    doc.catalog.set(PDFName.of('Big'), streamRef);
    // many small dictionaries, each estimated smaller than it is written
    const long = 'x'.repeat(1_000);
    for (let i = 0; i < 300; i++) ctx.register(ctx.obj({ [`K${i}${long}`]: [1, 2, 3, PDFRef.of(1)] }));
    expect(Buffer.from(await savePdf(doc))).toEqual(await pdfLibBytes(doc));
  });
});
