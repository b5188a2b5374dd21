// The PDF text layer comes out as page texts with lines rebuilt, wrapped paragraphs joined and page
// furniture (running header, "Page N" footers) set aside, on a pack generated like a council's.
import { describe, expect, it } from 'vitest';
import { readPackBytes } from '../../../src/importer/read/index.js';
import { councilPack, PARAGRAPH, pdfBytes } from './pdfs.js';

const FRONT = ['AGENDA', 'HIGHWAYS COMMITTEE', '1. Apologies for absence', '2. Minutes of the meeting held on 3 March 2025 (Pages 1 - 2)', '3. Highways Maintenance Programme (Pages 3 - 6)'];

async function generatedPack() {
  const bytes = await councilPack([
    { body: FRONT, printed: null },
    { body: ['Minutes of the meeting held on 3 March 2025', PARAGRAPH, PARAGRAPH] },
    { body: ['This page is intentionally left blank'] },
    {
      body: ['Highways Maintenance Programme', 'Table 1: Schemes'],
      draw: (doc) => {
        let y = doc.y + 6;
        for (const [scheme, cost, quarter] of [['Scheme', 'Cost', 'Quarter'], ['Resurfacing A20', '£120,000', 'Q2'], ['Drainage works', '£45,500', 'Q3']]) {
          doc.text(scheme, 72, y, { lineBreak: false });
          doc.text(cost, 260, y, { lineBreak: false });
          doc.text(quarter, 400, y, { lineBreak: false });
          y += 16;
        }
        // "24th" with a raised, smaller "th"
        doc.fontSize(11).text('Meeting on Monday 24', 72, y + 20, { continued: false, lineBreak: false });
        const x = 72 + doc.widthOfString('Meeting on Monday 24');
        doc.fontSize(7).text('th', x, y + 19.5, { lineBreak: false });
        doc.fontSize(11).text('June 2025 at 7.00pm', x + doc.fontSize(7).widthOfString('th') + 3, y + 20, { lineBreak: false });
      },
    },
    { body: null },
    { body: ['Background papers: none.'] },
  ]);
  return readPackBytes(bytes, 'highways-2025-04-01.pdf');
}

describe('reading a generated council pack', () => {
  it('keeps one text per PDF page', async () => {
    const pack = await generatedPack();
    expect(pack.kind).toBe('pdf');
    expect(pack.source).toBe('highways-2025-04-01.pdf');
    expect(pack.pages).toHaveLength(6);
    expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pack.warnings).toBeUndefined();
  });

  it('removes the running header and the "Page N" footers, keeping the printed numbers', async () => {
    const pack = await generatedPack();
    for (const page of pack.pages) {
      expect(page).not.toContain('Example County Council');
      expect(page).not.toMatch(/^Page \d+$/m);
    }
    expect(pack.pageNumbers).toEqual([null, 2, 3, 4, 5, 6]);
  });

  it('recognises the blank and the intentionally blank page', async () => {
    const pack = await generatedPack();
    expect(pack.blankPages).toEqual([3, 5]);
    expect(pack.pages[2]).toBe('This page is intentionally left blank');
    expect(pack.pages[4]).toBe('');
  });

  it('keeps the front sheet lines and joins a wrapped paragraph into one line', async () => {
    const pack = await generatedPack();
    const front = pack.pages[0].split('\n').filter(Boolean);
    expect(front).toEqual(FRONT);
    const lines = pack.pages[1].split('\n');
    expect(lines).toContain(PARAGRAPH);
    expect(lines[0]).toBe('Minutes of the meeting held on 3 March 2025');
  });

  it('separates table cells with tabs and keeps a superscript on its line', async () => {
    const pack = await generatedPack();
    const lines = pack.pages[3].split('\n');
    expect(lines).toContain('Scheme\tCost\tQuarter');
    expect(lines).toContain('Resurfacing A20\t£120,000\tQ2');
    expect(lines).toContain('Meeting on Monday 24th June 2025 at 7.00pm');
  });
});

describe('page numbers printed in other ways', () => {
  it('reads "- N -" and bare numbers at the foot of the page', async () => {
    const bytes = await pdfBytes((doc) => {
      for (let i = 1; i <= 3; i++) {
        if (i > 1) doc.addPage();
        doc.font('Helvetica').fontSize(11).text(`Report paragraph on page ${i}.`, 72, 100);
        doc.page.margins.bottom = 0;
        doc.fontSize(9).text(i === 2 ? `- ${i + 10} -` : String(i + 10), 72, 800, { width: 451, align: 'center', lineBreak: false });
      }
    });
    const pack = await readPackBytes(bytes, 'numbers.pdf');
    expect(pack.pageNumbers).toEqual([11, 12, 13]);
    expect(pack.pages).toEqual(['Report paragraph on page 1.', 'Report paragraph on page 2.', 'Report paragraph on page 3.']);
  });

  it('keeps a number that is body text, away from the page edges', async () => {
    const bytes = await pdfBytes((doc) => doc.font('Helvetica').fontSize(11).text('Total', 72, 300).text('42', 72, 315));
    const pack = await readPackBytes(bytes, 'table.pdf');
    expect(pack.pages[0].split('\n')).toEqual(['Total', '42']);
    expect(pack.pageNumbers).toEqual([null]);
  });
});
