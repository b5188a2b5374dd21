// extractPack must never throw, whatever it is given: arbitrary strings, and real packs mangled by
// truncation, shuffled lines and inserted junk.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPack, isRecognisablePack, type PackText } from '../../../src/importer/text/index.js';
import { fixtures, shared } from './helpers.js';

function samples(): string[] {
  const out = readdirSync(fixtures).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(fixtures, f), 'utf8'));
  const kent = path.join(shared, 'corpus', 'kent');
  if (existsSync(kent)) {
    // the first 40 KB of each real pack keeps the fuzz runs quick
    for (const f of readdirSync(kent)) out.push(readFileSync(path.join(kent, f), 'utf8').slice(0, 40_000));
  }
  return out;
}

const junk = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('Page 17', 'This page is intentionally left blank', '**', '## AGENDA', '<p>', '</i>', '(Pages 1 - ', 'DECISION NO.', 'PRESENT:',
    'MINUTES of a meeting of the', '12. ', 'A1 ', '\f', '\t\t', '(((((', 'Apologies for absence were received from', ':-', '99/99999'),
);

function mutate(text: string, cut: number, ops: { at: number; kind: number; s: string }[]): string {
  let lines = text.slice(0, Math.max(0, Math.floor(text.length * cut))).split('\n');
  for (const op of ops) {
    if (!lines.length) lines = [''];
    const i = op.at % lines.length;
    if (op.kind === 0) lines.splice(i, 0, op.s);
    else if (op.kind === 1) lines.splice(i, 1);
    else { const j = (op.at * 7919) % lines.length; [lines[i], lines[j]] = [lines[j], lines[i]]; }
  }
  return lines.join('\n');
}

describe('extractPack never throws', () => {
  it('on arbitrary strings and page lists', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 2000 }), { maxLength: 5 }), fc.string(), (pages, source) => {
      const ex = extractPack({ source, pages });
      expect(Array.isArray(ex.warnings)).toBe(true);
      if (!isRecognisablePack(ex)) expect(ex.warnings.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('on malformed input objects', () => {
    for (const bad of [null, undefined, {}, { pages: null }, { source: 3, pages: [null, 5] }, { pages: 'text' }]) {
      expect(() => extractPack(bad as unknown as PackText)).not.toThrow();
    }
  });

  it('on mutated real and invented packs', () => {
    const texts = samples();
    fc.assert(fc.property(
      fc.integer({ min: 0, max: texts.length - 1 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.record({ at: fc.nat(), kind: fc.integer({ min: 0, max: 2 }), s: junk }), { maxLength: 30 }),
      (k, cut, ops) => {
        const text = mutate(texts[k], cut, ops);
        const ex = extractPack({ source: 'fuzz', pages: text.split('\f') });
        expect(ex.source).toBe('fuzz');
      },
    ), { numRuns: 150 });
  });

  it('reports text with no agenda or minutes as unrecognisable, with a warning', () => {
    const ex = extractPack({ source: 'letter.txt', pages: ['Dear resident,\nThank you for your letter.\nYours sincerely'] });
    expect(isRecognisablePack(ex)).toBe(false);
    expect(ex.agenda).toEqual([]);
    expect(ex.warnings.join(' ')).toMatch(/no agenda items, minutes or records of decision/);
  });
});
