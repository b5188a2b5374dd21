// The pack's own line writer (writeFragment in src/pack/typeset.ts) writes the same bytes as pdfkit's `_fragment`
// for every kind of line it takes over, and hands the rest (justified, underlined, linked) to pdfkit.
import { describe, expect, it } from 'vitest';
import { BOLD, FONT, ITALIC, cellText, finish, newDocument, type Doc } from '../../src/pack/typeset.js';

const LINES = [
  'Budget monitoring and performance: the forecast variance is £150,000 (1.2%).',
  'AVATAR To Wales: Gŵyl y Dŷ, â ê î ô û ï ë — “quoted” ‘text’ … fi fl ffi',
  'Combining marks: e\u0301 a\u0300 o\u0302 n\u0303 u\u0308 c\u0327 and ı\u0307',
  '  leading and trailing spaces, a\ttab and a second\ttab  ',
  'x',
];

function draw(doc: Doc): void {
  for (const [i, line] of LINES.entries()) {
    doc.font([FONT, BOLD, ITALIC][i % 3]).fontSize(8 + i * 1.7);
    doc.text(line, 62, doc.y, { width: 300, align: 'left', lineGap: 1.5 });
    doc.text(line, 62, doc.y, { width: 220, align: 'right' });
    doc.text(line, 62, doc.y, { width: 260, align: 'center' });
    doc.text(line, 100, doc.y, { lineBreak: false });
    doc.text(`${line} `, 62, doc.y + 14, { continued: true }).font(BOLD).text(line, { width: 400 });
    doc.text(line, 62, doc.y, { width: 300, align: 'justify' });
    doc.text(line, 62, doc.y, { width: 300, underline: true, link: 'https://example.org/' });
    doc.text(line, 62, doc.y, { width: 300, characterSpacing: 0.5, baseline: 'middle' });
    doc.text(`${line}\n${line}`, 62, doc.y, { width: 500 });
  }
}

async function bytes(ours: boolean): Promise<Uint8Array> {
  const doc = newDocument({ date: '2026-03-16' });
  // pdfkit's own line writer is the prototype's, under the one newDocument installs.
  if (!ours) delete (doc as unknown as { _fragment?: unknown })._fragment;
  draw(doc);
  doc.addPage();
  draw(doc);
  return finish(doc);
}

describe('the pack\'s line writer', () => {
  it('writes the bytes pdfkit writes, for every alignment, kerning, ligatures, marks and the options it leaves to pdfkit', async () => {
    const [ours, theirs] = [await bytes(true), await bytes(false)];
    expect(ours.length).toBeGreaterThan(5000);
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });
});

describe('a table cell\'s text', () => {
  const CELLS = ['Line 1', '12,400', '-150', '', 'Budget £000', 'a cell far too long to fit on one line of its column, so pdfkit wraps it', 'two\nlines', 'soft\u00adhyphen', ' spaced ', 'Gŵyl y Dŷ'];

  async function cells(ours: boolean): Promise<Uint8Array> {
    const doc = newDocument({ date: '2026-03-16' });
    const draw = (text: string, x: number, y: number, width: number, align: 'left' | 'right') => {
      if (ours) cellText(doc, text, x, y, width, align);
      else doc.text(text, x, y, { width, align });
      // where the cursor is left counts too: the next cell is drawn from it
      doc.text(`${doc.x.toFixed(6)} ${doc.y.toFixed(6)}`, 400, doc.y, { width: 150 });
    };
    for (const [i, text] of CELLS.entries()) {
      doc.font([FONT, BOLD][i % 2]).fontSize(9.5);
      draw(text, 65, doc.y + 3, 150, 'left');
      draw(text, 65, doc.y + 3, 94.5, 'right');
    }
    // at the foot of the page, where pdfkit's wrapper starts a new one
    draw('12,250', 65, doc.page.height - doc.page.margins.bottom - 5, 94.5, 'right');
    draw('after', 65, doc.y, 94.5, 'left');
    return finish(doc);
  }

  it('is drawn with the bytes and the cursor of pdfkit\'s text, one line or more, on this page or the next', async () => {
    const [ours, theirs] = [await cells(true), await cells(false)];
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });
});
