import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/store/search/query.js';
import { makeSnippet } from '../../../src/store/search/snippet.js';
import { porterStem } from '../../../src/store/search/stemmer.js';
import { toFts5 } from '../../../src/store/search/sqlite.js';

describe('query parser', () => {
  it('parses words, phrases, prefixes, OR and exclusions', () => {
    expect(parseQuery('budget monitoring')).toEqual({ groups: [[{ type: 'word', word: 'budget', prefix: false }], [{ type: 'word', word: 'monitoring', prefix: false }]], exclude: [] });
    expect(parseQuery('"cabinet member" transp*')?.groups).toEqual([[{ type: 'phrase', words: ['cabinet', 'member'] }], [{ type: 'word', word: 'transp', prefix: true }]]);
    expect(parseQuery('libraries OR museums -parking NOT zoo')).toEqual({
      groups: [[{ type: 'word', word: 'libraries', prefix: false }, { type: 'word', word: 'museums', prefix: false }]],
      exclude: [{ type: 'word', word: 'parking', prefix: false }, { type: 'word', word: 'zoo', prefix: false }],
    });
  });

  it('turns words with inner punctuation into phrases and drops stop words at the edges of phrases', () => {
    expect(parseQuery('11/01769')?.groups).toEqual([[{ type: 'phrase', words: ['11', '01769'] }]]);
    expect(parseQuery('"the minutes of the meeting"')?.groups).toEqual([[{ type: 'phrase', words: ['minutes', 'of', 'the', 'meeting'] }]]);
  });

  it('gives nothing for empty, stop-word-only, punctuation-only or exclusion-only queries', () => {
    for (const q of ['', '   ', 'the of and', '"" * - : ( )', 'AND OR NOT', '-budget', 'NOT budget', '🙂🙂']) expect(parseQuery(q)).toBeNull();
  });

  it('compiles only quoted letters and digits into FTS5 syntax', () => {
    const fts = toFts5(parseQuery('NEAR(budget, 5) "x" col:value \\ \' budget* OR "a b -c')!);
    expect(fts).toBe('"near budget" AND "5" AND "x" AND "col value" AND ("budget" * OR "b c")');
  });
});

describe('Porter stemmer', () => {
  it('stems as SQLite\'s porter tokenizer does', () => {
    const cases: [string, string][] = [['budgets', 'budget'], ['monitoring', 'monitor'], ['monitored', 'monitor'], ['libraries', 'librari'], ['library', 'librari'],
      ['consultation', 'consult'], ['generalization', 'gener'], ['hopping', 'hop'], ['relational', 'relat'], ['caresses', 'caress'], ['agreed', 'agre']];
    for (const [word, stem] of cases) expect([word, porterStem(word)]).toEqual([word, stem]);
  });
});

describe('snippets', () => {
  const terms = parseQuery('budget "capital programme"')!.groups.flat();

  it('marks matched words and stems and escapes everything else', () => {
    const html = makeSnippet('<b>Budgets</b> & the capital programme "2012"', terms);
    expect(html).toBe('&lt;b&gt;<mark>Budgets</mark>&lt;/b&gt; &amp; the <mark>capital programme</mark> &quot;2012&quot;');
  });

  it('shows a window of about 30 words around the best match', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    words[120] = 'budget';
    words[124] = 'capital';
    words[125] = 'programme';
    const html = makeSnippet(words.join(' '), terms);
    expect(html.startsWith('… word114 ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html.split(' ').length).toBeLessThanOrEqual(33);
    expect(html).toContain('<mark>budget</mark>');
    expect(html).toContain('<mark>capital programme</mark>');
  });

  it('shows a word printed twice in a row once, but keeps repeated numbers and words of different case', () => {
    expect(makeSnippet('Record of Decision 26/00001, Cabinet\nCabinet resolved to approve the budget', terms)).toBe('Record of Decision 26/00001, Cabinet resolved to approve the <mark>budget</mark>');
    expect(makeSnippet('the budget  budget was set', terms)).toBe('the <mark>budget</mark> was set');
    expect(makeSnippet('RECORD OF DECISION\nDecision No 12 12 budget', terms)).toBe('RECORD OF DECISION Decision No 12 12 <mark>budget</mark>');
  });
});
