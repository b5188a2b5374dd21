// The demo's generated papers read upright: pdfkit flips each page's y axis before our own text operators run, and
// every run of text must come out with a positive scale on both axes (neither mirrored nor upside down).
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../src/demo/pdf.js';

describe('demo paper PDFs', () => {
  it('draw every line upright, top of the page first', async () => {
    const rendered = await renderPdf('Highways maintenance', [
      { text: 'Highways maintenance programme', style: 'title' },
      { text: 'Summary', style: 'heading', label: '1.' },
      { text: 'The programme resurfaces 42 km of road. '.repeat(12) },
    ]);
    const doc = await pdfjs.getDocument({ data: rendered.bytes.slice(), verbosity: 0 }).promise;
    const items = (await (await doc.getPage(1)).getTextContent()).items.filter((i) => 'str' in i && i.str.trim()) as { str: string; transform: number[] }[];
    await doc.destroy();
    expect(items.length).toBeGreaterThan(3);
    for (const it of items) {
      expect(it.transform[0], it.str).toBeGreaterThan(0);
      expect(it.transform[3], it.str).toBeGreaterThan(0);
    }
    // The title is drawn nearest the top of the page (the largest y in PDF space).
    const title = items.find((i) => i.str.includes('Highways maintenance programme'))!;
    expect(Math.max(...items.map((i) => i.transform[5]))).toBe(title.transform[5]);
    expect(title.transform[5]).toBeGreaterThan(700);
  });
});
