// The invented packs in test/fixtures/packs must extract exactly as their .expected.json says.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPack, isRecognisablePack } from '../../../src/importer/text/index.js';
import { extractionSchema } from '../../../src/importer/extraction.js';
import { fixtures, project } from './helpers.js';

const packs = readdirSync(fixtures).filter((f) => f.endsWith('.txt'));

describe('invented fixture packs', () => {
  it('has fixtures to check', () => {
    expect(packs.length).toBeGreaterThanOrEqual(4);
  });
  for (const file of packs) {
    it(`extracts ${file}`, () => {
      const text = readFileSync(path.join(fixtures, file), 'utf8');
      const expected = JSON.parse(readFileSync(path.join(fixtures, file.replace(/\.txt$/, '.expected.json')), 'utf8'));
      const ex = extractPack({ source: file, pages: text.split('\f') });
      const got = project(ex);
      expect(extractionSchema.safeParse(got).success).toBe(true);
      expect(got.meeting).toEqual(expected.meeting);
      expect(got.membership).toEqual(expected.membership);
      expect(got.agenda).toEqual(expected.agenda);
      expect(got.minutes).toEqual(expected.minutes);
      expect(got.decisions).toEqual(expected.decisions);
      expect(isRecognisablePack(ex)).toBe(true);
    });
  }

  it('locates papers by page when the pack has page breaks', () => {
    const text = readFileSync(path.join(fixtures, 'westshire-cabinet-2017-05-03.txt'), 'utf8');
    const ex = extractPack({ source: 'w', pages: text.split('\f') });
    const byCode = Object.fromEntries(ex.papers.map((p) => [p.itemCode, p]));
    expect(Object.keys(byCode)).toEqual(['3', '4', '7']);
    expect(byCode['3'].text).toMatch(/^Minutes of a meeting of the Cabinet/);
    expect(byCode['3'].text).toContain('42. Any Other Business');
    expect(byCode['4'].text).toMatch(/^To: Cabinet/);
    expect(byCode['4'].text).not.toContain('Page 3');
    expect(byCode['7'].text).toContain('Schedule 12A');
    expect([byCode['7'].startPage, byCode['7'].endPage]).toEqual([4, 4]);
  });

  it('locates papers by their headings when the text has no page breaks', () => {
    const text = readFileSync(path.join(fixtures, 'borsetshire-planning-2017-03-14.txt'), 'utf8');
    const ex = extractPack({ source: 'b', pages: [text] });
    const a3 = ex.papers.find((p) => p.itemCode === 'A3');
    const b1 = ex.papers.find((p) => p.itemCode === 'B1');
    expect(a3?.text).toMatch(/MINUTES of a meeting of the Planning Applications Committee/);
    expect(a3?.text).not.toContain('outline application for 40 dwellings.');
    expect(b1?.text).toMatch(/Subject: Land adjoining Grange Farm/);
    expect([b1?.startPage, b1?.endPage]).toEqual([7, 18]);
  });
});
