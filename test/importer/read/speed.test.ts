// A 150-page pack reads whole: every page, its printed number and its blank pages. Its time is measured by
// `npm run bench -- importer`, never by a timed test.
import { describe, expect, it } from 'vitest';
import { readPackBytes } from '../../../src/importer/read/index.js';
import { councilPack, PARAGRAPH, type PackPage } from './pdfs.js';

describe('reading a 150-page pack', () => {
  it('keeps every page, its number and the blank pages', async () => {
    const pages: PackPage[] = Array.from({ length: 150 }, (_, i) =>
      i % 25 === 24 ? { body: ['This page is intentionally left blank'] } : { body: [`${i + 1}. Report section ${i + 1}`, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH] },
    );
    const bytes = await councilPack(pages);
    const pack = await readPackBytes(bytes, 'long.pdf');
    expect(pack.pages).toHaveLength(150);
    expect(pack.pageNumbers?.[149]).toBe(150);
    expect(pack.blankPages).toEqual([25, 50, 75, 100, 125, 150]);
  });
});
