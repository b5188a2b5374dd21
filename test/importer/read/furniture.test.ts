// Page furniture and paragraph joining on their own, with positions given directly.
import { describe, expect, it } from 'vitest';
import { removeFurniture, type FurniturePage } from '../../../src/importer/read/furniture.js';
import { reflow } from '../../../src/importer/read/reflow.js';
import { sniff } from '../../../src/importer/read/sniff.js';

const page = (lines: [string, number][]): FurniturePage => ({ height: 842, width: 595, lines: lines.map(([text, top]) => ({ text, top })) });

describe('removeFurniture', () => {
  it('removes a header repeated at the same place on most pages, keeps one that moves', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      page([
        ['Example County Council', 40],
        [`Body text ${n}`, 100],
        ['Cabinet', n === 1 ? 60 : 300 + n * 40], // same words, different places: content
        [`Page ${n}`, 800],
      ]),
    );
    const out = removeFurniture(pages);
    expect(out.map((p) => p.text)).toEqual(['Body text 1\nCabinet', 'Body text 2\nCabinet', 'Body text 3\nCabinet', 'Body text 4\nCabinet']);
    expect(out.map((p) => p.printed)).toEqual([1, 2, 3, 4]);
  });

  it('keeps a heading that starts only some pages ("Agenda Item 5")', () => {
    const pages = [1, 2, 3, 4, 5, 6].map((n) => page([[n === 2 ? 'Agenda Item 5' : `Paragraph ${n}`, 60], [`Text ${n}`, 200]]));
    const out = removeFurniture(pages);
    expect(out[1].text).toBe('Agenda Item 5\nText 2');
  });

  it('removes a footer whose page number changes ("Cabinet, 9 January 2012 <tab> Page 7")', () => {
    const pages = [7, 8, 9].map((n) => page([[`Item ${n}`, 100], [`Cabinet, 9 January 2012\tPage ${n}`, 810]]));
    const out = removeFurniture(pages);
    expect(out.map((p) => p.text)).toEqual(['Item 7', 'Item 8', 'Item 9']);
    expect(out.map((p) => p.printed)).toEqual([7, 8, 9]);
  });

  it('does not take a number in the middle of the page for a page number', () => {
    const out = removeFurniture([page([['Votes for', 300], ['12', 320]]), page([['Votes against', 300], ['3', 320]])]);
    expect(out.map((p) => p.printed)).toEqual([null, null]);
    expect(out[0].text).toBe('Votes for\n12');
  });
});

describe('reflow', () => {
  const line = (text: string, x: number, right: number, size = 11) => ({ text, x, right, size });

  it('joins a line that ran to the margin with the next, not a short one', () => {
    const out = reflow(
      [
        line('2720. Update of Risk Assessment Report: Cllr Evans & the Clerk carried out an update in', 72, 520),
        line('May. Clerk to write to the county council.', 72, 300),
        line('2721. Correspondence', 72, 180),
        line('None received.', 72, 150),
      ],
      595,
    );
    expect(out).toEqual([
      '2720. Update of Risk Assessment Report: Cllr Evans & the Clerk carried out an update in May. Clerk to write to the county council.',
      '2721. Correspondence',
      'None received.',
    ]);
  });

  it('keeps list items, table rows and paragraph gaps apart', () => {
    const out = reflow(
      [
        line('Full line of text that reaches the right margin of the page and stops there', 72, 522),
        line('(a) first option', 72, 160),
        line('Scheme A\t£120,000 and more text reaching all the way to the margin', 72, 522),
        line('Scheme B\t£45,500', 72, 200),
        line('Another full line of text that reaches the right margin of the page too', 72, 522),
        { text: '' },
        line('New paragraph.', 72, 150),
      ],
      595,
    );
    expect(out).toHaveLength(7);
  });
});

describe('sniff', () => {
  it('finds a PDF header after leading junk, and tells text from binary', () => {
    expect(sniff(new TextEncoder().encode('\r\n%PDF-1.7\n...'))).toEqual({ kind: 'pdf' });
    expect(sniff(new TextEncoder().encode('AGENDA\n1. Apologies')).kind).toBe('text');
    expect(sniff(new Uint8Array([0x41, 0x00, 0x42])).kind).toBe('other');
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ kind: 'other', what: 'a JPEG image' });
  });
});
