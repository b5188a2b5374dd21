// A long pack reads well inside the time budget: 150 pages of reports in under 5 s.
import { describe, expect, it } from 'vitest';
import { readPackBytes } from '../../../src/importer/read/index.js';
import { councilPack, PARAGRAPH, type PackPage } from './pdfs.js';

describe('reading a 150-page pack', () => {
  it('takes well under 5 s and keeps every page', async () => {
    const pages: PackPage[] = Array.from({ length: 150 }, (_, i) =>
      i % 25 === 24 ? { body: ['This page is intentionally left blank'] } : { body: [`${i + 1}. Report section ${i + 1}`, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH] },
    );
    const bytes = await councilPack(pages);
    await readPackBytes(await councilPack(pages.slice(0, 2)), 'warm-up.pdf'); // loads pdfjs
    const t0 = performance.now();
    const pack = await readPackBytes(bytes, 'long.pdf');
    const seconds = (performance.now() - t0) / 1000;
    expect(pack.pages).toHaveLength(150);
    expect(pack.pageNumbers?.[149]).toBe(150);
    expect(pack.blankPages).toEqual([25, 50, 75, 100, 125, 150]);
    expect(seconds).toBeLessThan(5);
  });
});
