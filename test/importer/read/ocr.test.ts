// Scanned packs: a pack PDF rendered to images and put back into an image-only PDF is read by OCR (tesseract),
// page by page in order, with a notice that the text may contain errors; without OCR the error says how.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readPackBytes } from '../../../src/importer/read/index.js';
import { extractPack } from '../../../src/importer/text/index.js';
import { councilPack, scannedCopy } from './pdfs.js';

const hasTesseract = (() => {
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const FRONT = [
  'ANYTOWN PARISH COUNCIL',
  'AGENDA',
  'A meeting of Anytown Parish Council will be held on Tuesday 14th March 2017 at 7.30pm in the Village Hall.',
  '1. Apologies for absence',
  '2. Declarations of interest',
  '3. Minutes of the meeting held on 14th February 2017',
  '4. Planning applications',
  '5. Date of next meeting',
];

describe.skipIf(!hasTesseract)('OCR of a scanned pack (skipped: tesseract-ocr or poppler-utils not installed)', () => {
  it('reads an image-only PDF automatically, keeping its pages in order, with a notice', async () => {
    const scan = await scannedCopy(await councilPack([{ body: FRONT, printed: null }, { body: ['Report on the planning applications received since the last meeting.'], printed: 2 }], 'Anytown Parish Council'));
    const pages: number[] = [];
    const read = await readPackBytes(scan, 'scan.pdf', { ocr: 'auto', onOcrPage: (done) => pages.push(done) });
    expect(read.ocrPages).toEqual([1, 2]);
    expect(pages).toEqual([1, 2]);
    expect(read.imageOnlyPages ?? []).toEqual([]);
    expect(read.warnings?.[0].message).toMatch(/no text layer, so all its pages were read by OCR .*may contain errors/);
    expect(read.pages[1]).toMatch(/planning applications received/i);
    const ex = extractPack({ source: read.source, pages: read.pages });
    expect(ex.meeting.date).toBe('2017-03-14');
    expect(ex.meeting.time).toBe('19:30');
    expect(ex.meeting.body).toMatch(/Anytown Parish Council/i);
    expect(ex.agenda.map((a) => a.code)).toEqual(['1', '2', '3', '4', '5']);
  }, 60_000);

  it('joins a word the scan broke at a line end (pages with a letterhead and "Page N" footers)', async () => {
    // the agenda is printed with a title broken across lines; every page carries the council's letterhead and a
    // "Page N" footer, as scanned archives do
    const scan = await scannedCopy(await councilPack([
      { body: ['ANYTOWN PARISH COUNCIL', 'AGENDA', 'A meeting of Anytown Parish Council will be held on Tuesday 14th March 2017 at 7.30pm in the Village Hall.', '1. Apologies for absence', '2. Neighbourhood Plan steering group member-', 'ship and terms of reference', '3. Date of next meeting'], printed: null },
      { body: ['ANYTOWN PARISH COUNCIL', 'Report of the steering group on its member-', 'ship and meetings held since January.'], printed: 2 },
      { body: ['ANYTOWN PARISH COUNCIL', 'Appendix: terms of reference.'], printed: 3 },
    ], 'Anytown Parish Council'));
    const read = await readPackBytes(scan, 'scan.pdf', { ocr: 'all' });
    const ex = extractPack({ source: read.source, pages: read.pages });
    expect(ex.meeting.date).toBe('2017-03-14');
    expect(ex.agenda.map((a) => a.code)).toEqual(['1', '2', '3']);
    expect(ex.agenda[1].title).toMatch(/^Neighbourhood Plan steering group membership and terms of reference$/i);
  }, 90_000);

  it('without OCR, says the PDF has no text layer and how to read it', async () => {
    const scan = await scannedCopy(await councilPack([{ body: FRONT.slice(0, 3), printed: null }]));
    await expect(readPackBytes(scan, 'scan.pdf')).rejects.toThrow(/scan\.pdf: The PDF has no text layer.*--ocr/);
  }, 60_000);
});
