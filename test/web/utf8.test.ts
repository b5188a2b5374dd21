// A page's UTF-8 bytes through ICU's converter must be exactly what Buffer.from writes, for any text: Latin-1 only,
// characters beyond it, pairs of surrogates (emoji) and lone surrogates (written as U+FFFD), short and long.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/web/utf8.js';

describe('utf8Bytes', () => {
  it('is Buffer.from(text) for any text', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 200 }), // any code point, surrogate pairs included
      fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }), // lone surrogates
      fc.constantFrom('–', '’', '£', 'é', '😀', '\u0000'),
    );
    // Pieces repeated into pages of up to some 40,000 characters, so both the short and the long way are taken.
    const text = fc.tuple(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 150 })).map(([ps, times]) => ps.join('').repeat(times));
    fc.assert(fc.property(text, (t) => {
      expect(utf8Bytes(t).equals(Buffer.from(t, 'utf8'))).toBe(true);
    }), { numRuns: 200 });
  });

  it('converts a long page with a character beyond Latin-1, and one with a lone surrogate', () => {
    const page = `<title>Cabinet – Example County Council</title>${'<li>Present</li>'.repeat(3000)}`;
    expect(utf8Bytes(page).equals(Buffer.from(page))).toBe(true);
    const broken = `${page}\ud800${page}`;
    expect(utf8Bytes(broken).equals(Buffer.from(broken))).toBe(true);
    expect(utf8Bytes(broken).includes(Buffer.from('\ufffd'))).toBe(true);
    expect(utf8Bytes('').length).toBe(0);
  });
});
