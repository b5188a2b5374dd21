// A 400 KB pack with a 50,000-character line extracts completely: no catastrophic regexes over long lines (a
// backtracking pattern would hang here until the test timeout). Its time is measured by `npm run bench -- importer`,
// never by a timed test.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPack } from '../../../src/importer/text/index.js';
import { fixtures } from './helpers.js';

describe('a long text pack', () => {
  it('extracts a 400 KB pack with a very long line', () => {
    const base = readdirSync(fixtures).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(fixtures, f), 'utf8')).join('\n');
    let text = base;
    while (text.length < 400_000) text += `\n${base}`;
    // a very long line without breaks must not blow up either
    text += `\n${'x'.repeat(50_000)} (Pages 1 - ${'9'.repeat(5000)}`;
    const small = extractPack({ source: 'one', pages: [base] });
    const big = extractPack({ source: 'big', pages: [text] });
    expect(small.agenda.length).toBeGreaterThan(0);
    expect(big.agenda.length).toBeGreaterThanOrEqual(small.agenda.length);
  }, 60_000);
});
